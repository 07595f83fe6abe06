// PCA: segmentkit (full and randomized solvers) vs ml-pca (SVD, covariance, NIPALS) and scikit-learn (full and
// randomized) on the same bytes, with the explained variances checked against scikit-learn's full SVD.
import { PCA as MLPCA } from 'ml-pca';
import { matrixToArrays, type Matrix } from '../src/core/Matrix';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { PCA } from '../src/decomposition/PCA';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { runSklearn, sklearnUnavailable, writeRaw, type SklearnResult } from './lib/sklearn';

interface Size {
  n: number;
  d: number;
  /** Replace the last column by the first plus 1e-4 × itself: variances spread over ~1e9, the QR fallback. */
  illConditioned?: boolean;
}

/** ml-pca NIPALS is only run up to this many cells (it took 38.7 s at 100 000 × 32 on this machine). */
const NIPALS_MAX_CELLS = 1_000_000;
/** Components for the randomized solvers and NIPALS. */
const K = 5;

/** Largest relative difference over the first `count` explained variances. */
function maxRelativeDifference(actual: readonly number[], expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++)
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.abs(expected[i]!));
  return worst;
}

function formatDifference(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value === 0 ? '0' : value.toExponential(1);
}

/** "2.1× faster than …" or "takes 6.5× the time of …", so a slower result never reads as "0.15× faster". */
function versusSklearn(oursMs: number, theirsMs: number, what: string): string {
  return oursMs <= theirsMs
    ? `${ratio(theirsMs, oursMs)} faster than ${what}`
    : `takes ${(oursMs / theirsMs).toFixed(1)}× the time of ${what}`;
}

function illConditioned(X: Matrix): Matrix {
  const { rows: n, cols: d } = X;
  const data = Float64Array.from(X.data);
  for (let i = 0; i < n; i++) data[i * d + d - 1] = data[i * d]! + 1e-4 * data[i * d + d - 1]!;
  return { data, rows: n, cols: d };
}

export default function pcaBench(): BenchSection[] {
  const sizes: Size[] = [
    { n: 10_000, d: 8 },
    { n: 100_000, d: 32 },
    { n: 20_000, d: 200 },
    { n: 100_000, d: 32, illConditioned: true },
  ];
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const { n, d, illConditioned: ill = false } of sizes) {
    const label = `${n.toLocaleString('en-US')} × ${d}${ill ? ', near-duplicate column' : ''}`;
    console.log(`  ${label}`);
    const blobs = makeBlobs({ nSamples: n, nFeatures: d, centers: 8, clusterStd: 2, seed: 2026 }).X;
    const X = ill ? illConditioned(blobs) : blobs;
    const dataFile = writeRaw(`pca-${n}x${d}${ill ? '-ill' : ''}.f64`, X.data);
    const repeat = n * d >= 1_000_000 ? 5 : 9;

    const full = timeIt(() => new PCA().fit(X), { repeat });
    const ours = full.result;
    const sk1 = runSklearn('pca', X, dataFile, ['--solver', 'full', '--threads', '1', '--repeat', String(repeat)]);
    const sk2 = runSklearn('pca', X, dataFile, ['--solver', 'full', '--threads', '2', '--repeat', String(repeat)]);
    const reference = (sk2 ?? sk1)?.explained_variance as number[] | undefined;
    const diff = (values: readonly number[]): string =>
      reference === undefined ? 'no reference' : formatDifference(maxRelativeDifference(values, reference));
    const sklearnRow = (name: string, result: SklearnResult | undefined, versus: number, what: string): void => {
      if (result === undefined) {
        rows.push([label, name, '—', '—', '—', `not run: ${sklearnUnavailable() ?? 'failed'}`]);
        return;
      }
      const t = result.median_s * 1000;
      rows.push([label, name, ms(t), ratio(t, versus), diff(result.explained_variance as number[]), what]);
    };

    rows.push([
      label,
      `segmentkit PCA (auto → ${ours.stats.solver}, ${ours.stats.method}), all ${ours.nComponents} components`,
      ms(full.medianMs),
      '1×',
      diff(ours.explainedVariance),
      'Float64Array matrix input',
    ]);
    // the same fit on one thread: what the cross-product's worker threads ('auto' from 16 columns) bring
    const single = timeIt(() => new PCA().fit(X, { workers: 1 }), { repeat });
    const sameBits =
      JSON.stringify(single.result.components) === JSON.stringify(ours.components) &&
      JSON.stringify(single.result.explainedVariance) === JSON.stringify(ours.explainedVariance);
    rows.push([
      label,
      'segmentkit PCA, workers: 1',
      ms(single.medianMs),
      ratio(single.medianMs, full.medianMs),
      diff(single.result.explainedVariance),
      `one thread; the same bits as the default: ${sameBits ? 'yes' : 'NO'}`,
    ]);
    if (!ill) {
      const nested = matrixToArrays(X);
      const fromArrays = timeIt(() => new PCA().fit(nested), { repeat });
      rows.push([
        label,
        'segmentkit PCA, number[][] input',
        ms(fromArrays.medianMs),
        ratio(fromArrays.medianMs, full.medianMs),
        diff(fromArrays.result.explainedVariance),
        'includes validating and copying the rows',
      ]);
    }
    sklearnRow("scikit-learn PCA(svd_solver='full'), 1 thread", sk1, full.medianMs, `sklearn ${String(sk1?.sklearn ?? '')}`);
    sklearnRow("scikit-learn PCA(svd_solver='full'), 2 threads", sk2, full.medianMs, '');
    if (ill) {
      notes.push(
        `${label}: the variances span ${(ours.explainedVariance[0]! / ours.explainedVariance.at(-1)!).toExponential(1)}, so segmentkit recomputes by Householder QR (the cross-product attempt included in its time).`,
      );
      continue;
    }

    // randomized solvers, K components
    const randomized = timeIt(() => new PCA({ nComponents: K, svdSolver: 'randomized', seed: 0 }).fit(X), { repeat });
    const skr1 = runSklearn('pca', X, dataFile, [
      '--solver',
      'randomized',
      '--components',
      String(K),
      '--threads',
      '1',
      '--repeat',
      String(repeat),
    ]);
    const skr2 = runSklearn('pca', X, dataFile, [
      '--solver',
      'randomized',
      '--components',
      String(K),
      '--threads',
      '2',
      '--repeat',
      String(repeat),
    ]);
    rows.push([
      label,
      `segmentkit PCA randomized, ${K} components (${randomized.result.stats.nPowerIterations} power iterations)`,
      ms(randomized.medianMs),
      ratio(randomized.medianMs, full.medianMs),
      diff(randomized.result.explainedVariance),
      skr1 === undefined ? '' : versusSklearn(randomized.medianMs, skr1.median_s * 1000, 'scikit-learn randomized (1 thread)'),
    ]);
    sklearnRow(`scikit-learn PCA(svd_solver='randomized'), ${K} components, 1 thread`, skr1, full.medianMs, '');
    sklearnRow(`scikit-learn PCA(svd_solver='randomized'), ${K} components, 2 threads`, skr2, full.medianMs, '');

    // ml-pca on number[][] built outside the timing; one run each (they are slow)
    const nested = matrixToArrays(X);
    for (const method of ['SVD', 'covarianceMatrix'] as const) {
      const t = timeIt(() => new MLPCA(nested, { method }), { repeat: 1, warmup: 0 });
      rows.push([
        label,
        `ml-pca 4.1 ${method}`,
        ms(t.medianMs),
        ratio(t.medianMs, full.medianMs),
        diff(t.result.getEigenvalues()),
        'all components',
      ]);
    }
    if (n * d <= NIPALS_MAX_CELLS) {
      const t = timeIt(() => new MLPCA(nested, { method: 'NIPALS', nCompNIPALS: 2 }), { repeat: 1, warmup: 0 });
      // NIPALS reports squared score norms; the variances divide by n − 1
      const variances = t.result.getEigenvalues().map((s: number) => s / (n - 1));
      rows.push([label, 'ml-pca 4.1 NIPALS, 2 components', ms(t.medianMs), ratio(t.medianMs, full.medianMs), diff(variances), '']);
    } else {
      rows.push([
        label,
        'ml-pca 4.1 NIPALS, 2 components',
        'not run',
        '—',
        '—',
        `skipped above ${NIPALS_MAX_CELLS.toLocaleString('en-US')} cells (38.7 s at 100 000 × 32 when measured)`,
      ]);
    }
  }
  return [
    {
      id: 'pca',
      title: 'PCA fit: segmentkit vs ml-pca and scikit-learn',
      description: `makeBlobs with 8 blobs (cluster std 2, seed 2026); the last table row replaces the last column by the first plus 1e-4 × itself, so the variances spread over ~1e9 and segmentkit's accuracy rule switches to its Householder QR route. segmentkit runs with its default \`workers: 'auto'\` (the cross-product on every core from 16 columns) and again with \`workers: 1\`. Time is the whole fit (centring included), median of 5–9 runs for segmentkit and scikit-learn (\`sklearn_bench.py pca\`; BLAS pinned to 1 or 2 threads), one run for ml-pca (its number[][] input is built outside the timing). "vs segmentkit full" is how many times faster segmentkit's full solver is than the contender. The last numeric column is the largest relative difference of the first five explained variances (n − 1 denominator) from scikit-learn's full SVD (2 threads). Randomized solvers keep ${K} components with their default oversampling and power iterations; segmentkit's uses its own seeded generator, so it is compared for accuracy, not bit for bit.`,
      header: [
        'data',
        'contender',
        'fit time',
        'vs segmentkit full',
        'max rel. diff. of explained variances vs scikit-learn full',
        'notes',
      ],
      rows,
      notes,
    },
  ];
}
