// k-means: segmentkit (every algorithm) vs ml-kmeans, skmeans and scikit-learn on the same blobs and the same
// explicit initial centroids, in one run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kmeans as mlKMeans } from 'ml-kmeans';
import skmeans from 'skmeans';
import { KMeans } from '../src/cluster/kmeans/KMeans';
import { kmeansPlusPlus } from '../src/cluster/kmeans/kmeansPlusPlus';
import { MiniBatchKMeans } from '../src/cluster/kmeans/MiniBatchKMeans';
import type { KMeansModel } from '../src/cluster/kmeans/KMeansModel';
import { matrixToArrays, type Matrix } from '../src/core/Matrix';
import { createSamplingRng } from '../src/core/createRng';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { kmeansArena } from '../src/cluster/kmeans/kmeansArena';
import { availableThreads, threadPool } from '../src/parallel/threadPool';
import { setWasmSimd } from '../src/parallel/wasmSimd';
import { type Cell, ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { nearestSquaredDistances } from './lib/nearestSquaredDistances';
import { runSklearn, sklearnUnavailable, writeRaw } from './lib/sklearn';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Size {
  n: number;
  d: number;
  k: number;
  /** Spread of each of the 8 blobs: 2 = well separated (few iterations), 5 = overlapping (long convergence). */
  std: number;
}

function inertiaOf(X: Matrix, centroids: number[][], labels: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = centroids[labels[i]!]!;
    for (let t = 0; t < X.cols; t++) {
      const diff = X.data[i * X.cols + t]! - c[t]!;
      total += diff * diff;
    }
  }
  return total;
}

function emptyClusters(labels: ArrayLike<number>, k: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) seen.add(labels[i]!);
  return k - seen.size;
}

/**
 * k-means++ seeding alone (the start of every default fit) on 1 thread and on `threads`, against scikit-learn's
 * `kmeans_plusplus` on 1 thread and on 2 (bench/lib/sklearnSeeding.py), both greedy with 2 + ⌊ln k⌋ trials.
 */
function seedingBench(X: Matrix, dataFile: string, label: string, threads: number): { rows: Cell[][]; notes: string[] } {
  const { rows: n, cols: d } = X;
  const rows: Cell[][] = [];
  const notes: string[] = [];
  const pool = threadPool(threads);
  for (const k of [8, 16]) {
    // in the fit's memory, as KMeans.fit puts it before seeding (the copy is not part of this timing)
    const data = kmeansArena(X.data, null, n, d, k, threads)!.arena.rows;
    const seedOn = (p: typeof pool) => timeIt(() => kmeansPlusPlus(data, n, d, k, null, createSamplingRng(0), 'bench', p), { repeat: 5 });
    const one = seedOn(null);
    const many = seedOn(pool);
    setWasmSimd(false);
    const scalarOne = seedOn(null);
    const scalarMany = seedOn(pool);
    setWasmSimd(true);
    const sameBits = [one, scalarOne, scalarMany].every((t) => t.result.every((v, i) => v === many.result[i]));
    // the k-means++ potential of the centres: Σ over rows of the squared distance to the nearest
    const potential = nearestSquaredDistances(X, one.result, k).reduce((sum, v) => sum + v, 0);
    const caseLabel = `${label}, k = ${k}`;
    rows.push([
      caseLabel,
      `segmentkit, ${threads} threads`,
      ms(many.medianMs),
      potential.toExponential(4),
      '1×',
      `SIMD kernel; centres bit-identical to 1 thread and to the scalar kernel: ${sameBits ? 'yes' : 'NO'}`,
    ]);
    rows.push([
      caseLabel,
      'segmentkit, 1 thread',
      ms(one.medianMs),
      potential.toExponential(4),
      ratio(one.medianMs, many.medianMs),
      'SIMD kernel',
    ]);
    rows.push([
      caseLabel,
      `segmentkit, ${threads} threads, scalar kernel`,
      ms(scalarMany.medianMs),
      potential.toExponential(4),
      ratio(scalarMany.medianMs, many.medianMs),
      `SIMD is ${(scalarMany.medianMs / many.medianMs).toFixed(2)}× faster`,
    ]);
    rows.push([
      caseLabel,
      'segmentkit, 1 thread, scalar kernel',
      ms(scalarOne.medianMs),
      potential.toExponential(4),
      ratio(scalarOne.medianMs, many.medianMs),
      `SIMD is ${(scalarOne.medianMs / one.medianMs).toFixed(2)}× faster`,
    ]);
    const sk: Record<string, number> = {};
    for (const skThreads of ['1', '2']) {
      const why = sklearnUnavailable();
      if (why !== undefined) {
        rows.push([
          caseLabel,
          `scikit-learn kmeans_plusplus, ${skThreads} thread${skThreads === '1' ? '' : 's'}`,
          '—',
          '—',
          '—',
          `not run: ${why}`,
        ]);
        continue;
      }
      const run = spawnSync(
        '/usr/bin/python3',
        [path.join(root, 'bench/lib/sklearnSeeding.py'), dataFile, String(n), String(d), String(k), skThreads, '5'],
        {
          encoding: 'utf8',
        },
      );
      if (run.status !== 0) {
        rows.push([caseLabel, `scikit-learn kmeans_plusplus, ${skThreads} threads`, '—', '—', '—', `failed: ${run.stderr.slice(-300)}`]);
        continue;
      }
      const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { median_s: number; potential: number; sklearn: string };
      sk[skThreads] = result.median_s * 1000;
      rows.push([
        caseLabel,
        `scikit-learn kmeans_plusplus, ${skThreads} thread${skThreads === '1' ? '' : 's'}`,
        ms(result.median_s * 1000),
        result.potential.toExponential(4),
        ratio(result.median_s * 1000, many.medianMs),
        `sklearn ${result.sklearn}; its own random draws (random_state 0–4), so a different potential`,
      ]);
    }
    if (sk['1'] !== undefined && sk['2'] !== undefined)
      notes.push(
        `${caseLabel}: segmentkit (${threads} threads) is ${(sk['1'] / many.medianMs).toFixed(2)}× scikit-learn on 1 thread and ${(sk['2'] / many.medianMs).toFixed(2)}× on 2; segmentkit on 1 thread is ${(sk['1'] / one.medianMs).toFixed(2)}× scikit-learn on 1 thread; one thread → ${threads}: ${(one.medianMs / many.medianMs).toFixed(2)}× faster.`,
      );
  }
  return { rows, notes };
}

export default function kmeansBench(): BenchSection[] {
  // segmentkit's default (workers: 'auto') uses every core at these sizes
  const threads = availableThreads();
  const sizes: Size[] = [
    { n: 100_000, d: 8, k: 8, std: 2 },
    { n: 1_000_000, d: 8, k: 8, std: 2 },
    { n: 1_000_000, d: 8, k: 8, std: 5 },
    { n: 100_000, d: 32, k: 16, std: 2 },
  ];
  const rows: (string | number)[][] = [];
  const miniRows: (string | number)[][] = [];
  const notes: string[] = [];
  const seeding: { rows: Cell[][]; notes: string[] } = { rows: [], notes: [] };
  for (const { n, d, k, std } of sizes) {
    const label = `${n.toLocaleString('en-US')} × ${d}, k = ${k}, std ${std}`;
    console.log(`  ${label}`);
    const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: 8, clusterStd: std, seed: 2026 });
    // the same starting centroids for everyone: the first k rows (the blobs generator shuffles its rows)
    const initData = Float64Array.from(X.data.subarray(0, k * d));
    const init: Matrix = { data: initData, rows: k, cols: d };
    const initArrays = matrixToArrays(init);
    const dataFile = writeRaw(`kmeans-${n}x${d}-${std}.f64`, X.data);
    const initFile = writeRaw(`kmeans-${n}x${d}-${std}-init.f64`, initData);

    const fits: Record<string, { ms: number; model: KMeansModel }> = {};
    for (const algorithm of ['auto', 'lloyd', 'hamerly', 'elkan'] as const) {
      const t = timeIt(() => new KMeans({ nClusters: k, init, tol: 0, algorithm }).fit(X), { repeat: n >= 1_000_000 ? 3 : 5 });
      fits[algorithm] = { ms: t.medianMs, model: t.result };
    }
    const ours = fits.auto!;
    // the same fit on one thread (workers: 1), for the per-thread-count speed-up and the bit-identity check
    const oneThread = timeIt(() => new KMeans({ nClusters: k, init, tol: 0 }).fit(X, { workers: 1 }), { repeat: n >= 1_000_000 ? 3 : 5 });
    const sameModel = (model: KMeansModel): boolean =>
      model.inertia === ours.model.inertia &&
      JSON.stringify(model.centroids) === JSON.stringify(ours.model.centroids) &&
      model.labels.every((v, i) => v === ours.model.labels[i]);
    const sameBits = sameModel(oneThread.result);
    // the same two fits on the scalar kernels (WebAssembly SIMD off), for the per-kernel speed-up
    setWasmSimd(false);
    const scalarMany = timeIt(() => new KMeans({ nClusters: k, init, tol: 0 }).fit(X), { repeat: n >= 1_000_000 ? 3 : 5 });
    const scalarOne = timeIt(() => new KMeans({ nClusters: k, init, tol: 0 }).fit(X, { workers: 1 }), { repeat: n >= 1_000_000 ? 3 : 5 });
    setWasmSimd(true);

    // scikit-learn labels for the identity check (not timed)
    let labelsIdentical = 'n/a';
    let sklearnIter = NaN;
    if (sklearnUnavailable() === undefined) {
      const labelsFile = path.join(root, '.bench-tmp', `kmeans-${n}x${d}-${std}-labels.i32`);
      const run = spawnSync(
        '/usr/bin/python3',
        [path.join(root, 'bench/lib/sklearnLabels.py'), dataFile, String(n), String(d), initFile, String(k), labelsFile],
        { encoding: 'utf8' },
      );
      if (run.status === 0) {
        const bytes = readFileSync(labelsFile);
        const skLabels = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        let differ = 0;
        for (let i = 0; i < n; i++) if (skLabels[i] !== ours.model.labels[i]) differ++;
        labelsIdentical = differ === 0 ? 'identical' : `${differ} differ`;
        sklearnIter = (JSON.parse(run.stdout.trim()) as { n_iter: number }).n_iter;
      }
    }
    const sk1 = runSklearn('kmeans', X, dataFile, [
      '--k',
      String(k),
      '--init',
      initFile,
      '--threads',
      '1',
      '--tol',
      '0',
      '--repeat',
      n >= 1_000_000 ? '3' : '5',
    ]);
    const sk2 = runSklearn('kmeans', X, dataFile, [
      '--k',
      String(k),
      '--init',
      initFile,
      '--threads',
      '2',
      '--tol',
      '0',
      '--repeat',
      n >= 1_000_000 ? '3' : '5',
    ]);

    const nested = matrixToArrays(X);
    const ml = timeIt(() => mlKMeans(nested, k, { initialization: initArrays.map((r) => [...r]), maxIterations: 300, tolerance: 0 }), {
      repeat: 1,
      warmup: 0,
    });
    const sk = timeIt(
      () =>
        skmeans(
          nested,
          k,
          initArrays.map((r) => [...r]),
          300,
        ),
      { repeat: 1, warmup: 0 },
    );
    const mlInertia = inertiaOf(X, ml.result.centroids, ml.result.clusters);
    const skInertia = inertiaOf(X, sk.result.centroids as number[][], sk.result.idxs);

    // peak memory of the fit, in a child process (so the data generation above does not count)
    const memoryRun = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        path.join(root, 'bench/lib/kmeansMemory.ts'),
        dataFile,
        String(n),
        String(d),
        initFile,
        String(k),
        'auto',
      ],
      { encoding: 'utf8', cwd: root },
    );
    const memory =
      memoryRun.status === 0
        ? (JSON.parse(memoryRun.stdout.trim().split('\n').pop()!) as { extraPeakBytes: number; inputBytes: number; fitMs: number })
        : undefined;

    const iter = ours.model.nIter;
    const saved = 1 - ours.model.stats.distanceEvaluations / ours.model.stats.lloydDistanceEvaluations;
    const perIter = (t: number, it: number): string => ms(t / Math.max(1, it));
    rows.push([
      label,
      `segmentkit auto (${ours.model.stats.algorithm})`,
      ms(ours.ms),
      iter,
      perIter(ours.ms, iter),
      ours.model.inertia.toExponential(6),
      '1×',
      `${(100 * saved).toFixed(1)} % saved; labels vs scikit-learn: ${labelsIdentical}${memory ? `; peak memory above the input: ${(memory.extraPeakBytes / memory.inputBytes).toFixed(2)}× its size; first fit of a fresh process: ${ms(memory.fitMs)}` : ''}`,
    ]);
    rows.push([
      label,
      `segmentkit auto (${ours.model.stats.algorithm}), 1 thread`,
      ms(oneThread.medianMs),
      oneThread.result.nIter,
      perIter(oneThread.medianMs, oneThread.result.nIter),
      oneThread.result.inertia.toExponential(6),
      ratio(oneThread.medianMs, ours.ms),
      `workers: 1; model bit-identical to ${threads} threads: ${sameBits ? 'yes' : 'NO'}`,
    ]);
    for (const [what, t] of [
      [`${threads} threads`, scalarMany],
      ['1 thread', scalarOne],
    ] as const) {
      rows.push([
        label,
        `segmentkit auto (${ours.model.stats.algorithm}), ${what}, scalar kernels`,
        ms(t.medianMs),
        t.result.nIter,
        perIter(t.medianMs, t.result.nIter),
        t.result.inertia.toExponential(6),
        ratio(t.medianMs, ours.ms),
        `WebAssembly SIMD off; model bit-identical to the SIMD fit: ${sameModel(t.result) ? 'yes' : 'NO'}; SIMD is ${(t.medianMs / (what === '1 thread' ? oneThread.medianMs : ours.ms)).toFixed(2)}× faster`,
      ]);
    }
    for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
      const f = fits[algorithm]!;
      const s = 1 - f.model.stats.distanceEvaluations / f.model.stats.lloydDistanceEvaluations;
      rows.push([
        label,
        `segmentkit ${algorithm}`,
        ms(f.ms),
        f.model.nIter,
        perIter(f.ms, f.model.nIter),
        f.model.inertia.toExponential(6),
        ratio(f.ms, ours.ms),
        `${(100 * s).toFixed(1)} % saved; same centroids as auto: ${JSON.stringify(f.model.centroids) === JSON.stringify(ours.model.centroids) ? 'yes' : 'NO'}`,
      ]);
    }
    if (sk1 !== undefined && sk2 !== undefined) {
      const vs1 = (sk1.median_s * 1000) / ours.ms;
      const vs2 = (sk2.median_s * 1000) / ours.ms;
      notes.push(
        `${label}: segmentkit (${threads} threads) is ${vs1.toFixed(2)}× scikit-learn on 1 thread (target ≥ 2: ${vs1 >= 2 ? 'met' : 'missed'}) and ${vs2.toFixed(2)}× scikit-learn on 2 threads (target ≥ 1.2: ${vs2 >= 1.2 ? 'met' : 'missed'}); one thread → ${threads}: ${(oneThread.medianMs / ours.ms).toFixed(2)}× faster.`,
      );
    }
    if (sk1 !== undefined)
      rows.push([
        label,
        'scikit-learn lloyd, 1 thread',
        ms(sk1.median_s * 1000),
        Number(sk1.n_iter),
        perIter(sk1.median_s * 1000, Number(sk1.n_iter)),
        Number(sk1.inertia).toExponential(6),
        ratio(sk1.median_s * 1000, ours.ms),
        `sklearn ${String(sk1.sklearn)}`,
      ]);
    else rows.push([label, 'scikit-learn lloyd, 1 thread', '—', '—', '—', '—', '—', `not run: ${sklearnUnavailable() ?? 'failed'}`]);
    if (sk2 !== undefined)
      rows.push([
        label,
        'scikit-learn lloyd, 2 threads',
        ms(sk2.median_s * 1000),
        Number(sk2.n_iter),
        perIter(sk2.median_s * 1000, Number(sk2.n_iter)),
        Number(sk2.inertia).toExponential(6),
        ratio(sk2.median_s * 1000, ours.ms),
        '',
      ]);
    rows.push([
      label,
      'ml-kmeans 7',
      ms(ml.medianMs),
      ml.result.iterations,
      perIter(ml.medianMs, ml.result.iterations),
      mlInertia.toExponential(6),
      ratio(ml.medianMs, ours.ms),
      `empty clusters: ${emptyClusters(ml.result.clusters, k)}; inertia ${(mlInertia / ours.model.inertia).toFixed(2)}× ours`,
    ]);
    rows.push([
      label,
      'skmeans 0.11',
      ms(sk.medianMs),
      sk.result.it,
      perIter(sk.medianMs, sk.result.it),
      skInertia.toExponential(6),
      ratio(sk.medianMs, ours.ms),
      `empty clusters: ${emptyClusters(sk.result.idxs, k)}; inertia ${(skInertia / ours.model.inertia).toFixed(2)}× ours`,
    ]);
    if (Number.isFinite(sklearnIter) && sklearnIter !== iter)
      notes.push(`${label}: scikit-learn took ${sklearnIter} iterations, segmentkit ${iter}.`);
    if (n === 1_000_000 && std === 2) {
      const seeded = seedingBench(X, dataFile, `${n.toLocaleString('en-US')} × ${d}, std ${std}`, threads);
      seeding.rows.push(...seeded.rows);
      seeding.notes.push(...seeded.notes);
      const mini = timeIt(() => new MiniBatchKMeans({ nClusters: k, init, seed: 0 }).fit(X), { repeat: 5 });
      const miniOne = timeIt(() => new MiniBatchKMeans({ nClusters: k, init, seed: 0 }).fit(X, { workers: 1 }), { repeat: 5 });
      const miniSame = miniOne.result.inertia === mini.result.inertia && miniOne.result.labels.every((v, i) => v === mini.result.labels[i]);
      const skMini = runSklearn('minibatch', X, dataFile, ['--k', String(k), '--init', initFile, '--threads', '1', '--repeat', '5']);
      miniRows.push([
        label,
        'segmentkit MiniBatchKMeans',
        ms(mini.medianMs),
        mini.result.nSteps,
        mini.result.inertia.toExponential(6),
        '1×',
        `inertia ${(mini.result.inertia / ours.model.inertia).toFixed(4)}× full k-means; workers 'auto' (${threads} threads for the final labelling)`,
      ]);
      miniRows.push([
        label,
        'segmentkit MiniBatchKMeans, 1 thread',
        ms(miniOne.medianMs),
        miniOne.result.nSteps,
        miniOne.result.inertia.toExponential(6),
        ratio(miniOne.medianMs, mini.medianMs),
        `workers: 1; labels and inertia identical to ${threads} threads: ${miniSame ? 'yes' : 'NO'}`,
      ]);
      setWasmSimd(false);
      const miniScalar = timeIt(() => new MiniBatchKMeans({ nClusters: k, init, seed: 0 }).fit(X), { repeat: 5 });
      setWasmSimd(true);
      const scalarSame =
        miniScalar.result.inertia === mini.result.inertia && miniScalar.result.labels.every((v, i) => v === mini.result.labels[i]);
      miniRows.push([
        label,
        `segmentkit MiniBatchKMeans, ${threads} threads, scalar kernels`,
        ms(miniScalar.medianMs),
        miniScalar.result.nSteps,
        miniScalar.result.inertia.toExponential(6),
        ratio(miniScalar.medianMs, mini.medianMs),
        `WebAssembly SIMD off; labels and inertia identical to the SIMD fit: ${scalarSame ? 'yes' : 'NO'}`,
      ]);
      if (skMini !== undefined)
        miniRows.push([
          label,
          'scikit-learn MiniBatchKMeans, 1 thread',
          ms(skMini.median_s * 1000),
          Number(skMini.n_steps),
          Number(skMini.inertia).toExponential(6),
          ratio(skMini.median_s * 1000, mini.medianMs),
          '',
        ]);
    }
  }
  return [
    {
      id: 'kmeans',
      title: 'k-means fit: segmentkit vs ml-kmeans, skmeans and scikit-learn',
      description:
        "makeBlobs with 8 blobs (cluster std 2: well separated, few iterations; std 5: overlapping, long convergence; seed 2026); every contender starts from the same explicit centroids (the first k rows) with tol = 0 and at most 300 iterations, so all run until the labels stop changing. segmentkit runs with its default `workers: 'auto'` (every core of this machine: 2 threads here) and again with `workers: 1`, each on its WebAssembly SIMD kernels (the default where the engine has them) and again on its scalar kernels; every model is compared bit for bit with the default one. Time is the whole fit (validation and the copy of X into the fit's memory included; fits in a row reuse that memory, so the first fit of a fresh process, in the notes, pays once for worker start-up and first-touch page faults), median of 3–5 runs for segmentkit and scikit-learn (`sklearn_bench.py kmeans`), one run for the JS peers (their number[][] input is built outside the timing). \"saved\" is the share of Lloyd's row–centroid distance computations the bounds skipped. Ratios: how many times faster segmentkit auto is.",
      header: ['data', 'contender', 'fit time', 'iterations', 'per iteration', 'inertia', 'segmentkit is … faster', 'notes'],
      rows,
      notes,
    },
    {
      id: 'minibatch-kmeans',
      title: 'Mini-batch k-means fit: segmentkit vs scikit-learn',
      description:
        "The 1,000,000 × 8 separated blobs above, the same initial centroids, batch size 1024, default early stopping (10 steps without improvement of the smoothed batch inertia); the time includes labelling all rows at the end, the one pass segmentkit spreads over threads (`workers`, default 'auto'; the steps are sequential). segmentkit assigns each batch and labels the rows on its WebAssembly SIMD kernel (and again on its scalar kernels, WebAssembly SIMD off). Median of 5 runs.",
      header: ['data', 'contender', 'fit time', 'steps', 'inertia', 'segmentkit is … faster', 'notes'],
      rows: miniRows,
    },
    {
      id: 'kmeans-seeding',
      title: 'k-means++ seeding: segmentkit vs scikit-learn',
      description:
        "The start of every default k-means fit, alone: greedy k-means++ (2 + ⌊ln k⌋ candidates per centre, the best kept) on the 1,000,000 × 8 separated blobs above, seed 0 for segmentkit (its data already in the fit's WebAssembly memory, as `KMeans.fit` puts it), on its SIMD kernel and on its scalar one, `sklearn.cluster.kmeans_plusplus` with random_state 0–4 for scikit-learn (bench/lib/sklearnSeeding.py; 1 thread, and 2 through OpenBLAS/OpenMP). Median of 5. Potential: Σ over rows of the squared distance to the nearest chosen centre (lower is better; the two draw different rows). Ratios: how many times faster segmentkit on every core is.",
      header: ['data', 'contender', 'seeding time', 'potential', 'segmentkit is … faster', 'notes'],
      rows: seeding.rows,
      notes: seeding.notes,
    },
  ];
}
