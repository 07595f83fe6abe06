// Gaussian mixture EM: segmentkit vs scikit-learn on the same data and the same initial means.
import { performance } from 'node:perf_hooks';
import { GaussianMixture } from '../src/cluster/gaussianMixture/GaussianMixture';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { runSklearn, sklearnUnavailable, writeRaw } from './lib/sklearn';

export default function gmmBench(): BenchSection[] {
  const n = 100_000;
  const d = 8;
  const k = 8;
  const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, clusterStd: 2, seed: 11 });
  const init = Float64Array.from(X.data.subarray(0, k * d));
  const dataFile = writeRaw('gmm-100000x8.f64', X.data);
  const initFile = writeRaw('gmm-100000x8-init.f64', init);
  const meansInit = { data: init, rows: k, cols: d };
  const rows: (string | number)[][] = [];
  for (const covarianceType of ['full', 'diag'] as const) {
    for (const [tol, maxIter, label] of [
      [0, 20, '20 EM iterations (tol 0)'],
      [1e-3, 100, 'to convergence (tol 1e-3)'],
    ] as const) {
      const iterationTimes: number[] = [];
      let last = 0;
      const fit = timeIt(
        () => {
          iterationTimes.length = 0;
          last = performance.now();
          return new GaussianMixture({ nComponents: k, covarianceType, meansInit, tol, maxIter, seed: 0 }).fit(X, {
            onProgress: () => {
              const now = performance.now();
              iterationTimes.push(now - last);
              last = now;
            },
          });
        },
        { repeat: 3 },
      );
      // the first "iteration" also includes the k-means initialisation; the steady cost is the median of the rest
      const steady = [...iterationTimes.slice(1)].sort((a, b) => a - b)[Math.floor((iterationTimes.length - 2) / 2)] ?? NaN;
      const sk = runSklearn('gmm', X, dataFile, [
        '--k',
        String(k),
        '--init',
        initFile,
        '--covariance',
        covarianceType,
        '--max-iter',
        String(maxIter),
        '--tol',
        String(tol),
        '--threads',
        '1',
        '--repeat',
        '3',
      ]);
      const skPerIteration = sk === undefined ? NaN : (sk.median_s * 1000) / Number(sk.n_iter);
      const ourPerIteration = fit.medianMs / fit.result.nIter;
      rows.push([
        `100,000 × 8, k = 8, ${covarianceType}`,
        label,
        ms(fit.medianMs),
        fit.result.nIter,
        ms(ourPerIteration),
        ms(steady),
        sk === undefined ? `— (${sklearnUnavailable() ?? 'failed'})` : ms(sk.median_s * 1000),
        sk === undefined ? '—' : Number(sk.n_iter),
        ms(skPerIteration),
        ratio(skPerIteration, ourPerIteration),
        `lower bound ${fit.result.lowerBound.toFixed(6)}${sk === undefined ? '' : ` (scikit-learn ${Number(sk.lower_bound).toFixed(6)})`}`,
      ]);
    }
  }
  return [
    {
      id: 'gmm',
      title: 'Gaussian mixture EM: segmentkit vs scikit-learn',
      description:
        'makeBlobs 100,000 × 8 with 8 blobs (std 2, seed 11); both start from the same means (the first 8 rows) with weights and covariances from their own k-means initialisation, so the trajectories can differ slightly after the first step. Whole fit, median of 3 (scikit-learn via `sklearn_bench.py gmm`, 1 thread). Per iteration = fit time / iterations (includes the initialisation); "steady" = median iteration after the first, segmentkit only.',
      header: [
        'data',
        'run',
        'segmentkit fit',
        'iterations',
        'per iteration',
        'steady iteration',
        'scikit-learn fit',
        'iterations',
        'per iteration',
        'segmentkit is … faster per iteration',
        'notes',
      ],
      rows,
    },
  ];
}
