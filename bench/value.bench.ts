// Customer value: fitting the transaction models on the CDNOW cohort and BG/NBD on a million synthetic customers,
// against scipy's optimiser on the same likelihood and the same rows (bench/lib/bgnbd_scipy.py).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BetaGeoFitter } from '../src/value/betaGeo/BetaGeoFitter';
import { BetaGeoBetaBinomFitter } from '../src/value/betaGeoBetaBinom/BetaGeoBetaBinom';
import { GammaGammaFitter } from '../src/value/gammaGamma/GammaGammaFitter';
import { ModifiedBetaGeoFitter } from '../src/value/modifiedBetaGeo/ModifiedBetaGeo';
import { ParetoNBDFitter } from '../src/value/paretoNBD/ParetoNBD';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { sklearnUnavailable, writeRaw } from './lib/sklearn';
import { syntheticBetaGeoCustomers } from './lib/syntheticCustomers';

function readSummary(file: string): Record<string, number>[] {
  const text = readFileSync(fileURLToPath(new URL(`../test/data/cdnow/${file}`, import.meta.url)), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, Number(v)])));
}

interface ScipyFit {
  median_s: number;
  params: number[];
  ll: number;
}

function scipyBetaGeo(
  rows: readonly { frequency: number; recency: number; T: number }[],
  grouped: boolean,
  repeat: number,
): ScipyFit | undefined {
  if (sklearnUnavailable() !== undefined) return undefined;
  const data = new Float64Array(rows.length * 3);
  rows.forEach((r, i) => {
    data[3 * i] = r.frequency;
    data[3 * i + 1] = r.recency;
    data[3 * i + 2] = r.T;
  });
  const file = writeRaw('bgnbd.f64', data);
  const script = fileURLToPath(new URL('./lib/bgnbd_scipy.py', import.meta.url));
  const args = [script, '--data', file, '--rows', String(rows.length), '--repeat', String(repeat)];
  if (grouped) args.push('--grouped');
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    console.log(`  scipy BG/NBD failed: ${run.stderr.slice(-400)}`);
    return undefined;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ScipyFit;
}

const fmt = (params: object): string =>
  Object.entries(params)
    .map(([k, v]) => `${k} ${(v as number).toFixed(3)}`)
    .join(', ');

export default function valueBench(): BenchSection[] {
  const cdnow = readSummary('cdnow_customers_summary.csv').map((r) => ({ frequency: r.frequency!, recency: r.recency!, T: r.T! }));
  const spend = readSummary('cdnow_customers_summary_with_transactions.csv')
    .filter((r) => r.x! > 0)
    .map((r) => ({ frequency: r.x!, monetaryValue: r.zbar! }));
  const donations = readSummary('donations.csv').map((r) => ({
    frequency: r.frequency!,
    recency: r.recency!,
    T: r.periods!,
    weight: r.weights!,
  }));
  const rows: (string | number)[][] = [];
  console.log('  CDNOW cohort');
  const bg = timeIt(() => new BetaGeoFitter().fit(cdnow), { repeat: 21, warmup: 3 });
  const scipyBg = scipyBetaGeo(cdnow, false, 5);
  rows.push([
    'CDNOW, 2,357 customers',
    'segmentkit BetaGeoFitter (BG/NBD)',
    ms(bg.medianMs),
    '1×',
    `${fmt(bg.result.params)}; LL ${bg.result.fit.logLikelihood.toFixed(1)}`,
  ]);
  rows.push([
    'CDNOW, 2,357 customers',
    'scipy BFGS on the BG/NBD likelihood (numpy)',
    scipyBg === undefined ? 'not run' : ms(scipyBg.median_s * 1000),
    scipyBg === undefined ? '—' : ratio(scipyBg.median_s * 1000, bg.medianMs),
    scipyBg === undefined ? '' : `LL ${scipyBg.ll.toFixed(1)}`,
  ]);
  const pareto = timeIt(() => new ParetoNBDFitter().fit(cdnow), { repeat: 5 });
  rows.push([
    'CDNOW, 2,357 customers',
    'segmentkit ParetoNBDFitter',
    ms(pareto.medianMs),
    `${ratio(pareto.medianMs, bg.medianMs)} the time`,
    `${fmt(pareto.result.params)}; LL ${pareto.result.fit.logLikelihood.toFixed(1)}`,
  ]);
  const mbg = timeIt(() => new ModifiedBetaGeoFitter().fit(cdnow), { repeat: 5 });
  rows.push([
    'CDNOW, 2,357 customers',
    'segmentkit ModifiedBetaGeoFitter (MBG/NBD)',
    ms(mbg.medianMs),
    `${ratio(mbg.medianMs, bg.medianMs)} the time`,
    `${fmt(mbg.result.params)}; LL ${mbg.result.fit.logLikelihood.toFixed(1)}`,
  ]);
  const gg = timeIt(() => new GammaGammaFitter().fit(spend), { repeat: 11 });
  rows.push(['CDNOW, 946 repeat buyers', 'segmentkit GammaGammaFitter', ms(gg.medianMs), '', `${fmt(gg.result.params)}`]);
  const bgbb = timeIt(() => new BetaGeoBetaBinomFitter().fit(donations), { repeat: 11 });
  rows.push([
    'donations, 11,104 donors in 22 rows',
    'segmentkit BetaGeoBetaBinomFitter (BG/BB)',
    ms(bgbb.medianMs),
    '',
    `${fmt(bgbb.result.params)}; LL ${bgbb.result.fit.logLikelihood.toFixed(1)}`,
  ]);

  console.log('  1,000,000 synthetic customers');
  const synthetic = syntheticBetaGeoCustomers(1_000_000, 2026);
  const big = timeIt(() => new BetaGeoFitter().fit(synthetic), { repeat: 3 });
  const distinct = new Set(synthetic.map((r) => `${r.frequency}|${r.recency}|${r.T}`)).size;
  const scipyGrouped = scipyBetaGeo(synthetic, true, 3);
  const scipyUngrouped = scipyBetaGeo(synthetic, false, 1);
  const label = `1,000,000 synthetic (${distinct.toLocaleString('en-US')} distinct rows)`;
  rows.push([label, 'segmentkit BetaGeoFitter (groups identical rows)', ms(big.medianMs), '1×', `${fmt(big.result.params)}`]);
  rows.push([
    label,
    'scipy BFGS, rows grouped first (np.unique)',
    scipyGrouped === undefined ? 'not run' : ms(scipyGrouped.median_s * 1000),
    scipyGrouped === undefined ? '—' : ratio(scipyGrouped.median_s * 1000, big.medianMs),
    scipyGrouped === undefined ? '' : fmt(Object.fromEntries(['r', 'alpha', 'a', 'b'].map((k, i) => [k, scipyGrouped.params[i]]))),
  ]);
  rows.push([
    label,
    'scipy BFGS on every row (as lifetimes)',
    scipyUngrouped === undefined ? 'not run' : ms(scipyUngrouped.median_s * 1000),
    scipyUngrouped === undefined ? '—' : ratio(scipyUngrouped.median_s * 1000, big.medianMs),
    'one run',
  ]);
  return [
    {
      id: 'customer-value',
      title: 'Customer value: fitting BG/NBD, Pareto/NBD, MBG/NBD, BG/BB and Gamma-Gamma, against scipy',
      description:
        'CDNOW: the 2,357-customer cohort of the BG/NBD paper (test/data/cdnow), median of 21 fits after 3 warm-ups (BG/NBD), 5 (Pareto/NBD, MBG/NBD) or 11 (others). Synthetic: 1,000,000 customers drawn from the BG/NBD process with the paper’s estimates, ages up to 52 weeks in whole days (bench/lib/syntheticCustomers.ts, seed 2026), median of 3. scipy: `minimize(method="BFGS")` on log-parameters with its finite-difference gradient on the paper’s likelihood vectorised with numpy (bench/lib/bgnbd_scipy.py), on the same rows; the time includes np.unique where rows are grouped. Targets (issue 18): CDNOW < 20 ms, 1 M < 3 s.',
      header: ['data', 'contender', 'time', 'ratio', 'estimates'],
      rows,
    },
  ];
}
