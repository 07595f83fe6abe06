// Gaussian mixture EM: segmentkit (every core, and one thread) vs scikit-learn (one thread, and its default
// threads) on the same data and the same initial means.
import { performance } from 'node:perf_hooks';
import { GaussianMixture } from '../src/cluster/gaussianMixture/GaussianMixture';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { availableThreads } from '../src/parallel/threadPool';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { runSklearn, sklearnUnavailable, writeRaw } from './lib/sklearn';

export default function gmmBench(): BenchSection[] {
  const n = 100_000;
  const d = 8;
  const k = 8;
  const threads = availableThreads();
  const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, clusterStd: 2, seed: 11 });
  const init = Float64Array.from(X.data.subarray(0, k * d));
  const dataFile = writeRaw('gmm-100000x8.f64', X.data);
  const initFile = writeRaw('gmm-100000x8-init.f64', init);
  const meansInit = { data: init, rows: k, cols: d };
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const bitsOf = (model: ReturnType<GaussianMixture['fit']>): string =>
    JSON.stringify([model.weights, model.means, model.covariances, model.lowerBound]);
  for (const covarianceType of ['full', 'diag'] as const) {
    for (const [tol, maxIter, label] of [
      [0, 20, '20 EM iterations (tol 0)'],
      [1e-3, 100, 'to convergence (tol 1e-3)'],
    ] as const) {
      const data = `100,000 × 8, k = 8, ${covarianceType}`;
      const fitWith = (workers: number | 'auto') => {
        const iterationTimes: number[] = [];
        let last = 0;
        const fit = timeIt(
          () => {
            iterationTimes.length = 0;
            last = performance.now();
            return new GaussianMixture({ nComponents: k, covarianceType, meansInit, tol, maxIter, seed: 0 }).fit(X, {
              workers,
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
        return { fit, steady, perIteration: fit.medianMs / fit.result.nIter };
      };
      const auto = fitWith('auto');
      const one = fitWith(1);
      const sklearnArgs = [
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
        '--repeat',
        '3',
      ];
      const sk1 = runSklearn('gmm', X, dataFile, [...sklearnArgs, '--threads', '1']);
      const skDefault = runSklearn('gmm', X, dataFile, sklearnArgs);
      const skPerIteration = (sk: typeof sk1) => (sk === undefined ? NaN : (sk.median_s * 1000) / Number(sk.n_iter));
      const ours = (name: string, run: typeof auto, note: string) =>
        rows.push([
          data,
          label,
          name,
          ms(run.fit.medianMs),
          run.fit.result.nIter,
          ms(run.perIteration),
          ms(run.steady),
          ratio(run.perIteration, auto.perIteration),
          `lower bound ${run.fit.result.lowerBound.toFixed(6)}; ${note}`,
        ]);
      ours(`segmentkit auto (${threads} threads)`, auto, 'workers: default');
      ours(
        'segmentkit, 1 thread',
        one,
        `workers: 1; model bit-identical to ${threads} threads: ${bitsOf(one.fit.result) === bitsOf(auto.fit.result) ? 'yes' : 'NO'}`,
      );
      for (const [name, sk] of [
        ['scikit-learn, 1 thread', sk1],
        [`scikit-learn, default threads (${threads})`, skDefault],
      ] as const) {
        rows.push([
          data,
          label,
          name,
          sk === undefined ? `— (${sklearnUnavailable() ?? 'failed'})` : ms(sk.median_s * 1000),
          sk === undefined ? '—' : Number(sk.n_iter),
          ms(skPerIteration(sk)),
          '—',
          ratio(skPerIteration(sk), auto.perIteration),
          sk === undefined ? '' : `lower bound ${Number(sk.lower_bound).toFixed(6)}; sklearn ${sk.sklearn}`,
        ]);
      }
      if (covarianceType === 'full' && sk1 !== undefined && skDefault !== undefined) {
        const vsDefault = skPerIteration(skDefault) / auto.perIteration;
        notes.push(
          `${data}, ${label}: segmentkit (${threads} threads) per iteration is ${(skPerIteration(sk1) / auto.perIteration).toFixed(2)}× scikit-learn on 1 thread and ${vsDefault.toFixed(2)}× at its default threads (target ≥ 1.5: ${vsDefault >= 1.5 ? 'met' : 'missed'}); one thread → ${threads}: ${(one.perIteration / auto.perIteration).toFixed(2)}× faster.`,
        );
      }
    }
  }
  return [
    {
      id: 'gmm',
      title: 'Gaussian mixture EM: segmentkit vs scikit-learn',
      description: `makeBlobs 100,000 × 8 with 8 blobs (std 2, seed 11); both start from the same means (the first 8 rows) with weights and covariances from their own k-means initialisation, so the trajectories can differ slightly after the first step. segmentkit runs with its default \`workers: 'auto'\` (every core: ${threads} threads here) and with \`workers: 1\` (the models are compared bit for bit); scikit-learn via \`sklearn_bench.py gmm\` on 1 thread and at its default threads. Whole fit, median of 3. Per iteration = fit time / iterations (includes the initialisation); "steady" = median iteration after the first, segmentkit only. Ratios: how many times faster segmentkit auto is per iteration.`,
      header: [
        'data',
        'run',
        'contender',
        'fit time',
        'iterations',
        'per iteration',
        'steady iteration',
        'segmentkit auto is … faster per iteration',
        'notes',
      ],
      rows,
      notes,
    },
  ];
}
