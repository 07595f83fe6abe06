// Drift: driftReport on 1 000 000 × 20 reference vs 1 000 000 current (matrix and column-object inputs), the
// DriftMonitor profile and check on the same data, and the two-sample KS test with its exact p-value at
// n = 10 000 against scipy's ks_2samp.
import { createRng } from '../src/core/createRng';
import type { Matrix } from '../src/core/Matrix';
import { driftReport } from '../src/drift/driftReport';
import { DriftMonitor } from '../src/drift/DriftMonitor';
import { ksPValue, ksTest } from '../src/drift/ksTest';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { runSklearn, sklearnUnavailable, writeRaw } from './lib/sklearn';

const ROWS = 1_000_000;
const COLS = 20;
/** Columns 0 … 4 of the current data are shifted; the others are fresh draws from the reference distributions. */
const SHIFTED = 5;

/** 20 columns cycling through normal, log-normal (spend), uniform, and integer counts; `shift` moves the first five. */
function table(seed: number, shift: number): Matrix {
  const rng = createRng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform() || 1e-300)) * Math.cos(2 * Math.PI * rng.uniform());
  const data = new Float64Array(ROWS * COLS);
  for (let i = 0; i < ROWS; i++) {
    for (let j = 0; j < COLS; j++) {
      const s = j < SHIFTED ? shift : 0;
      let v: number;
      switch (j % 4) {
        case 0:
          v = normal() + s;
          break;
        case 1:
          v = Math.round(Math.exp(3.5 + 0.8 * normal() + s) * 100) / 100;
          break;
        case 2:
          v = rng.uniform() * (1 + s);
          break;
        default:
          v = Math.floor(-Math.log(rng.uniform() || 1e-300) * (6 + 10 * s));
      }
      data[i * COLS + j] = v;
    }
  }
  return { data, rows: ROWS, cols: COLS };
}

function columnsOf(m: Matrix, names: readonly string[]): Record<string, Float64Array> {
  return Object.fromEntries(
    names.map((name, j) => {
      const column = new Float64Array(m.rows);
      for (let i = 0; i < m.rows; i++) column[i] = m.data[i * m.cols + j]!;
      return [name, column];
    }),
  );
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function reportSection(): BenchSection {
  const names = Array.from({ length: COLS }, (_, j) => `f${j}`);
  console.log('  generating 2 × 1 000 000 × 20');
  const reference = table(1, 0);
  const current = table(2, 0.1);
  const rows: (string | number)[][] = [];

  const fromMatrix = timeIt(() => driftReport(reference, current, { columns: names }), { repeat: 3 });
  const report = fromMatrix.result;
  const drifted = report.columns
    .filter((c) => c.drifted)
    .map((c) => c.column)
    .join(', ');
  rows.push([
    'driftReport, Matrix input',
    ms(fromMatrix.medianMs),
    fromMatrix.medianMs < 3000 ? 'yes' : 'NO',
    `${report.nDrifted} of ${report.nColumns} drifted (${drifted}); tests: ${[...new Set(report.columns.map((c) => c.test))].join(', ')}`,
  ]);

  const refColumns = columnsOf(reference, names);
  const curColumns = columnsOf(current, names);
  gc();
  const fromColumns = timeIt(() => driftReport(refColumns, curColumns), { repeat: 3 });
  const same = fromColumns.result.columns.every((c, j) => c.statistic === report.columns[j]!.statistic && c.psi === report.columns[j]!.psi);
  rows.push([
    'driftReport, column object of Float64Array',
    ms(fromColumns.medianMs),
    fromColumns.medianMs < 3000 ? 'yes' : 'NO',
    `same statistics as the matrix input: ${same ? 'yes' : 'NO'}`,
  ]);

  gc();
  const profile = timeIt(() => DriftMonitor.fromReference(reference, { columns: names }), { repeat: 3 });
  const monitor = profile.result;
  const size = JSON.stringify(monitor).length;
  rows.push([
    'DriftMonitor.fromReference (profile of the reference)',
    ms(profile.medianMs),
    '—',
    `JSON profile ${(size / 1024).toFixed(0)} KiB for ${(reference.data.byteLength / 2 ** 20).toFixed(0)} MiB of data`,
  ]);
  const check = timeIt(() => monitor.check(current), { repeat: 3 });
  const worstStatistic = Math.max(...check.result.report.columns.map((c, j) => Math.abs(c.statistic! - report.columns[j]!.statistic!)));
  rows.push([
    'DriftMonitor.check (batch against the profile)',
    ms(check.medianMs),
    check.medianMs < 3000 ? 'yes' : 'NO',
    `status ${check.result.status}; largest |Δ normalised Wasserstein| vs driftReport ${worstStatistic.toExponential(1)}`,
  ]);

  return {
    id: 'drift-report',
    title: 'Drift report: 1 000 000 × 20 reference vs 1 000 000 current, one core',
    description: `Synthetic columns cycling through normal, log-normal (rounded to cents), uniform and geometric counts; the current data shifts the first ${SHIFTED} columns (by 0.1 in their own units, or by 10 % of the scale). With more than 1 000 reference rows every column gets the Wasserstein distance over the reference standard deviation, plus the 10-bin PSI and the missing counts. Median of 3 runs; the target is under 3 s. The DriftMonitor rows build the compact profile of the reference (sketches with compression 500, exact PSI bins) and check the current data against it.`,
    header: ['operation', 'time', 'under 3 s', 'notes'],
    rows,
  };
}

function ksSection(): BenchSection {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const rng = createRng(3);
  const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform() || 1e-300)) * Math.cos(2 * Math.PI * rng.uniform());
  for (const [n1, n2] of [
    [10_000, 10_000],
    [10_000, 9_999],
  ] as const) {
    const a = Float64Array.from({ length: n1 }, normal);
    const b = Float64Array.from({ length: n2 }, () => normal() + 0.03);
    const label = `${n1.toLocaleString('en-US')} vs ${n2.toLocaleString('en-US')}`;
    const whole = timeIt(() => ksTest(a, b), { repeat: 21 });
    const statistic = whole.result.statistic;
    const pOnly = timeIt(() => ksPValue(statistic, n1, n2, 'auto'), { repeat: 21 });
    // scipy: ks_2samp on the halves of column 0 (the first n2 rows, then the rest), same bytes
    const stacked = new Float64Array(n1 + n2);
    stacked.set(b, 0);
    stacked.set(a, n2);
    const X: Matrix = { data: stacked, rows: n1 + n2, cols: 1 };
    const scipy = runSklearn('ks', X, writeRaw(`ks-${n1}-${n2}.f64`, stacked), ['--repeat', '21']);
    const agree =
      scipy === undefined
        ? 'no scipy'
        : `D ${scipy.statistic === statistic ? 'equal' : 'DIFFERS'}, p rel. diff. ${(Math.abs(whole.result.pValue - (scipy.pvalue as number)) / (scipy.pvalue as number)).toExponential(1)}`;
    rows.push([
      label,
      `ksTest (sort + statistic + exact p), p = ${whole.result.pValue.toExponential(3)}`,
      ms(whole.medianMs),
      scipy === undefined ? '—' : ratio(scipy.median_s * 1000, whole.medianMs),
      agree,
    ]);
    rows.push([
      label,
      `exact p-value alone (${n1 === n2 ? 'equal sizes: closed alternating sum' : 'lattice-path recursion'})`,
      ms(pOnly.medianMs),
      '—',
      '',
    ]);
    rows.push([
      label,
      'scipy 1.10 ks_2samp (method auto → exact)',
      scipy === undefined ? '—' : ms(scipy.median_s * 1000),
      '1×',
      scipy === undefined ? `not run: ${sklearnUnavailable() ?? 'failed'}` : '',
    ]);
  }
  const big = Float64Array.from({ length: ROWS }, normal);
  const big2 = Float64Array.from({ length: ROWS }, normal);
  const asymptotic = timeIt(() => ksTest(big, big2), { repeat: 5 });
  rows.push([
    '1 000 000 vs 1 000 000',
    `ksTest (asymptotic: kstwo at n = 500 000), p = ${asymptotic.result.pValue.toFixed(3)}`,
    ms(asymptotic.medianMs),
    '—',
    'two radix sorts dominate',
  ]);
  notes.push('"vs scipy" is how many times faster segmentkit is than scipy on the same call (above 1 = faster).');
  return {
    id: 'drift-ks',
    title: 'Two-sample Kolmogorov–Smirnov test: exact p-value at n = 10 000',
    description:
      "Normal samples, the second shifted by 0.03 (so the p-value is neither 0 nor 1). ksTest includes validation, sorting both samples, the statistic and the exact p-value (scipy 1.10's method for 'auto' at max(n₁, n₂) ≤ 10 000); the second row times the p-value alone. scipy through `sklearn_bench.py ks` on the same bytes. Median of 21 runs.",
    header: ['samples', 'operation', 'time', 'vs scipy', 'agreement with scipy'],
    rows,
    notes,
  };
}

export default function driftBench(): BenchSection[] {
  return [ksSection(), reportSection()];
}
