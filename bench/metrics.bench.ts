// Clustering metrics: exact silhouette (time and peak memory), Davies–Bouldin and Calinski–Harabasz on a million
// rows, and chooseK over k = 2 … 10, against scikit-learn 1.2 on the same bytes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { makeBlobs } from '../src/datasets/makeBlobs';
import type { Matrix } from '../src/core/Matrix';
import { calinskiHarabaszScore } from '../src/metrics/calinskiHarabaszScore';
import { chooseK } from '../src/metrics/chooseK';
import { daviesBouldinScore } from '../src/metrics/daviesBouldinScore';
import { silhouetteScore } from '../src/metrics/silhouetteScore';
import { availableThreads } from '../src/parallel/threadPool';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { SKLEARN_SCRIPT, sklearnUnavailable, writeRaw, type SklearnResult } from './lib/sklearn';

const PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const TIME = '/usr/bin/time';
const MB = 2 ** 20;

/**
 * Run one sklearn_bench.py task (default BLAS threads), under GNU time when it is installed so the Python
 * process's peak resident memory is reported too (interpreter, NumPy and the loaded data included).
 */
function sklearnWithPeak(
  task: string,
  X: Matrix,
  dataFile: string,
  args: readonly string[],
): (SklearnResult & { peakMB?: number }) | undefined {
  const why = sklearnUnavailable();
  if (why !== undefined) {
    console.log(`  scikit-learn column skipped: ${why}`);
    return undefined;
  }
  const command = [SKLEARN_SCRIPT, task, '--data', dataFile, '--rows', String(X.rows), '--cols', String(X.cols), ...args];
  const timed = existsSync(TIME);
  const result = timed
    ? spawnSync(TIME, ['-f', 'PEAK_KB %M', PYTHON, ...command], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(PYTHON, command, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    console.log(`  scikit-learn ${task} failed: ${result.stderr.slice(-500)}`);
    return undefined;
  }
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop()!) as SklearnResult;
  const peak = /PEAK_KB (\d+)/.exec(result.stderr);
  return peak === null ? parsed : { ...parsed, peakMB: Number(peak[1]) / 1024 };
}

/** Extra memory held during `fn` (JS heap + ArrayBuffers above the baseline), sampled at every progress event. */
function withPeakMemory<T>(fn: (sample: () => void) => T): { result: T; extraMB: number; ms: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const held = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = held();
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, held());
  };
  const t0 = performance.now();
  const result = fn(sample);
  const elapsed = performance.now() - t0;
  sample();
  return { result, extraMB: (peak - baseline) / MB, ms: elapsed };
}

export default function metricsBench(): BenchSection[] {
  const d = 8;
  const gcNote =
    (globalThis as { gc?: () => void }).gc === undefined ? ' (run with --expose-gc, as `npm run bench` does, for a clean baseline)' : '';

  // 1. exact silhouette
  const silhouetteRows: (string | number)[][] = [];
  const silhouetteNotes: string[] = [];
  for (const n of [10_000, 50_000]) {
    const { X, labels } = makeBlobs({ nSamples: n, nFeatures: d, centers: 8, clusterStd: 2, seed: 21 });
    const dataFile = writeRaw(`silhouette-${n}x${d}.f64`, X.data);
    const labelFile = writeRaw(`silhouette-${n}x${d}-labels.i32`, Int32Array.from(labels));
    const repeat = n <= 10_000 ? 5 : 2;
    const timing = timeIt(() => silhouetteScore(X, labels), { repeat, warmup: 1 });
    const single = timeIt(() => silhouetteScore(X, labels, { workers: 1 }), { repeat, warmup: 0 });
    const memory = withPeakMemory((sample) => silhouetteScore(X, labels, { onProgress: sample }));
    const sk = sklearnWithPeak('silhouette', X, dataFile, ['--labels', labelFile, '--repeat', n <= 10_000 ? '3' : '1']);
    silhouetteRows.push([
      `${n.toLocaleString('en-US')} × ${d}, 8 segments`,
      ms(timing.medianMs),
      `${memory.extraMB.toFixed(1)} MB`,
      sk === undefined ? `— (${sklearnUnavailable() ?? 'failed'})` : ms(sk.median_s * 1000),
      sk?.peakMB === undefined ? '—' : `${sk.peakMB.toFixed(0)} MB`,
      sk === undefined ? '—' : ratio(sk.median_s * 1000, timing.medianMs),
      ms(single.medianMs),
      `${timing.result.toFixed(12)}${sk === undefined ? '' : ` (scikit-learn ${Number(sk.value).toFixed(12)})`}; 1 thread: ${single.result === timing.result ? 'the same bits' : 'DIFFERENT'}`,
    ]);
    if (n === 50_000 && sk !== undefined) {
      const speedUp = (sk.median_s * 1000) / timing.medianMs;
      silhouetteNotes.push(
        `Target (issue 20): 50,000 × 8 at least 5× scikit-learn at its default threads: ${speedUp.toFixed(2)}×, ${speedUp >= 5 ? 'met' : 'missed'}; one thread → ${availableThreads()}: ${(single.medianMs / timing.medianMs).toFixed(2)}× faster.`,
      );
    }
  }

  // 2. Davies–Bouldin and Calinski–Harabasz on a million rows
  const million = makeBlobs({ nSamples: 1_000_000, nFeatures: d, centers: 8, clusterStd: 2, seed: 22 });
  const millionFile = writeRaw(`scores-1000000x${d}.f64`, million.X.data);
  const millionLabels = writeRaw(`scores-1000000x${d}-labels.i32`, Int32Array.from(million.labels));
  const linearRows: (string | number)[][] = [];
  for (const [name, task, fn] of [
    ['daviesBouldinScore', 'davies_bouldin', daviesBouldinScore],
    ['calinskiHarabaszScore', 'calinski_harabasz', calinskiHarabaszScore],
  ] as const) {
    const timing = timeIt(() => fn(million.X, million.labels), { repeat: 7, warmup: 2 });
    const sk = sklearnWithPeak(task, million.X, millionFile, ['--labels', millionLabels, '--repeat', '5']);
    linearRows.push([
      name,
      '1,000,000 × 8, 8 segments',
      ms(timing.medianMs),
      sk === undefined ? `— (${sklearnUnavailable() ?? 'failed'})` : ms(sk.median_s * 1000),
      sk === undefined ? '—' : ratio(sk.median_s * 1000, timing.medianMs),
      `${timing.result.toPrecision(15)}${sk === undefined ? '' : ` (scikit-learn ${Number(sk.value).toPrecision(15)})`}`,
    ]);
  }

  // 3. chooseK over k = 2 … 10
  const customers = makeBlobs({ nSamples: 100_000, nFeatures: d, centers: 5, clusterStd: 1.5, seed: 23 });
  const choose = timeIt(() => chooseK(customers.X, { kMin: 2, kMax: 10, seed: 1 }), { repeat: 2, warmup: 0 });
  const chooseRows = [
    [
      '100,000 × 8 (5 blobs), k = 2 … 10, all six criteria, k-means with 3 starts',
      ms(choose.medianMs),
      choose.result.recommendedK,
      choose.result.reason,
    ],
  ];

  return [
    {
      id: 'metrics-silhouette',
      title: 'Exact silhouette: segmentkit vs scikit-learn',
      description:
        'silhouetteScore(X, labels), Euclidean, every pair of rows, against scikit-learn `silhouette_score` on the same bytes (default BLAS ' +
        `threads; segmentkit with its default workers: 'auto', ${availableThreads()} threads here, and again with workers: 1). ` +
        'segmentkit memory: peak of `process.memoryUsage()` heapUsed + arrayBuffers above the ' +
        `baseline with the data loaded, sampled at every progress event${gcNote}; scikit-learn memory: the Python process's peak RSS ` +
        '(GNU time), interpreter and data included. Median of 5 (10,000) or 2 (50,000) runs; scikit-learn 3 or 1.',
      header: [
        'data',
        'segmentkit',
        'segmentkit extra memory',
        'scikit-learn',
        'scikit-learn peak RSS',
        'speed-up',
        'segmentkit, 1 thread',
        'value',
      ],
      rows: silhouetteRows,
      notes: [
        ...silhouetteNotes,
        'Targets: 50,000 × 8 no slower than scikit-learn (measured on the issue: 16–17 s, 1.13 GB peak) with peak memory under 200 MB.',
        'segmentkit never forms the n × n matrix: rows in segment order against all later rows, four rows at a time with their features in locals, one square root per pair (n(n − 1)/2 pairs).',
      ],
    },
    {
      id: 'metrics-linear-scores',
      title: 'Davies–Bouldin and Calinski–Harabasz on a million rows',
      description: 'Median of 7 runs (2 warm-up) on 1,000,000 × 8 with 8 segments; scikit-learn median of 5 on the same bytes.',
      header: ['score', 'data', 'segmentkit', 'scikit-learn', 'speed-up', 'value'],
      rows: linearRows,
      notes: ['Target: no slower than scikit-learn (0.13–0.14 s measured on the issue).'],
    },
    {
      id: 'metrics-choosek',
      title: 'chooseK over k = 2 … 10',
      description:
        'chooseK(X, { kMin: 2, kMax: 10, seed: 1 }) with its defaults: inertia, silhouette (10,000-row sample), Calinski–Harabasz, Davies–Bouldin, ' +
        'gap statistic (10 uniform references on a 10,000-row sample), BIC. Median of 2 runs.',
      header: ['data', 'time', 'recommended k', 'reason'],
      rows: chooseRows,
      notes: ['Target: under 10 s.'],
    },
  ];
}
