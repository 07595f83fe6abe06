// Agglomerative clustering: segmentkit vs scikit-learn (`sklearn_bench.py agglomerative`, which runs scipy's
// linkage for ward/complete/average and its own minimum spanning tree for single) on the same bytes, with the
// labels compared row by row and segmentkit's peak memory measured in a child process.
//
// This file is also that child: run with SEGMENTKIT_AGGLOMERATIVE_MEMORY set, it fits once, samples the resident
// set at every progress event, prints the peak above the loaded data and the fit's time, and exits.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgglomerativeClustering } from '../src/cluster/agglomerative/AgglomerativeClustering';
import type { Linkage } from '../src/cluster/agglomerative/agglomerativeParams';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { availableThreads } from '../src/parallel/threadPool';
import { setWasmSimd } from '../src/parallel/wasmSimd';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { runSklearn, sklearnUnavailable, writeRaw } from './lib/sklearn';

const root = fileURLToPath(new URL('..', import.meta.url));
const MEMORY_ENV = 'SEGMENTKIT_AGGLOMERATIVE_MEMORY';
const K = 8;

interface MemoryJob {
  dataFile: string;
  rows: number;
  cols: number;
  linkage: Linkage;
}

function readBytes(file: string): ArrayBuffer {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

if (process.env[MEMORY_ENV] !== undefined) {
  // child: the resident set (it counts the kernels' WebAssembly memories, which process.memoryUsage's
  // arrayBuffers does not), sampled at each progress event; and the time of this first fit of a fresh process
  const job = JSON.parse(process.env[MEMORY_ENV]!) as MemoryJob;
  const data = new Float64Array(readBytes(job.dataFile));
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const started = performance.now();
  new AgglomerativeClustering({ linkage: job.linkage, nClusters: K }).fit({ data, rows: job.rows, cols: job.cols }, { onProgress: sample });
  const fitMs = performance.now() - started;
  sample();
  console.log(JSON.stringify({ extraPeakBytes: peak - baseline, inputBytes: data.byteLength, fitMs }));
  process.exit(0);
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function sklearnLabels(dataFile: string, n: number, d: number, linkage: Linkage, out: string): Int32Array | undefined {
  if (sklearnUnavailable() !== undefined) return undefined;
  const script = [
    'import sys, numpy as np',
    'from sklearn.cluster import AgglomerativeClustering',
    'X = np.fromfile(sys.argv[1], dtype="<f8").reshape(int(sys.argv[2]), int(sys.argv[3]))',
    'AgglomerativeClustering(n_clusters=int(sys.argv[4]), linkage=sys.argv[5]).fit(X).labels_.astype("<i4").tofile(sys.argv[6])',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script, dataFile, String(n), String(d), String(K), linkage, out], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`  scikit-learn labels failed: ${run.stderr.slice(-300)}`);
    return undefined;
  }
  return new Int32Array(readBytes(out));
}

export default function agglomerativeBench(): BenchSection[] {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const d = 8;
  const cases: { n: number; linkages: Linkage[] }[] = [
    { n: 5_000, linkages: ['ward', 'complete', 'average', 'single'] },
    { n: 20_000, linkages: ['ward', 'single'] },
  ];
  for (const { n, linkages } of cases) {
    const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: K, clusterStd: 1.5, seed: 2026 });
    const dataFile = writeRaw(`agglomerative-${n}x${d}.f64`, X.data);
    for (const linkage of linkages) {
      const label = `${n.toLocaleString('en-US')} × ${d}, ${linkage}`;
      console.log(`  ${label}`);
      const fit = timeIt(() => new AgglomerativeClustering({ linkage, nClusters: K }).fit(X), { repeat: n >= 20_000 ? 3 : 5 });

      const memoryRun = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, [MEMORY_ENV]: JSON.stringify({ dataFile, rows: n, cols: d, linkage } satisfies MemoryJob) },
      });
      const memory =
        memoryRun.status === 0
          ? (JSON.parse(memoryRun.stdout.trim().split('\n').pop()!) as { extraPeakBytes: number; inputBytes: number; fitMs: number })
          : undefined;

      const truth = sklearnLabels(dataFile, n, d, linkage, path.join(root, '.bench-tmp', `agglomerative-${n}x${d}-${linkage}.i32`));
      let identical = 'n/a';
      if (truth !== undefined) {
        let differ = 0;
        for (let i = 0; i < n; i++) if (truth[i] !== fit.result.labels[i]) differ++;
        identical = differ === 0 ? 'identical' : `${differ} rows differ`;
      }
      const memoryNote =
        memory === undefined
          ? 'memory probe failed'
          : `peak memory above the input: ${mib(memory.extraPeakBytes)} (${(memory.extraPeakBytes / memory.inputBytes).toFixed(2)}× the input); first fit of a fresh process: ${ms(memory.fitMs)}`;
      rows.push([label, 'segmentkit', ms(fit.medianMs), '1×', `labels (k = ${K}) vs scikit-learn: ${identical}; ${memoryNote}`]);
      if (linkage !== 'ward') {
        // the default splits the distances and the chain's scans and updates (complete, average) or Prim's scans
        // (single) over every core, on the SIMD kernels: each of those off in turn
        const variants = [
          { contender: 'segmentkit, 1 thread', workers: 1, simd: true },
          { contender: 'segmentkit, scalar kernels', workers: 'auto', simd: false },
          { contender: 'segmentkit, scalar kernels, 1 thread', workers: 1, simd: false },
        ] as const;
        for (const { contender, workers, simd } of variants) {
          setWasmSimd(simd);
          const other = timeIt(() => new AgglomerativeClustering({ linkage, nClusters: K }).fit(X, { workers }), {
            repeat: n >= 20_000 ? 3 : 5,
          });
          setWasmSimd(true);
          const same = JSON.stringify(other.result.linkageMatrix()) === JSON.stringify(fit.result.linkageMatrix());
          rows.push([
            label,
            contender,
            ms(other.medianMs),
            ratio(other.medianMs, fit.medianMs),
            `workers: ${workers}${simd ? '' : ', WebAssembly SIMD off'}; the same tree: ${same ? 'yes' : 'NO'}`,
          ]);
        }
      }

      const sk = runSklearn('agglomerative', X, dataFile, ['--k', String(K), '--linkage', linkage, '--repeat', n >= 20_000 ? '2' : '3']);
      // scipy keeps the condensed matrix (n(n − 1)/2 doubles) for ward, complete and average; scikit-learn's single linkage does not
      const condensed = linkage === 'single' ? 'O(n) memory (minimum spanning tree)' : `condensed distance matrix: ${mib(n * (n - 1) * 4)}`;
      if (sk === undefined) rows.push([label, 'scikit-learn', '—', '—', `not run: ${sklearnUnavailable() ?? 'failed'}`]);
      else
        rows.push([
          label,
          'scikit-learn',
          ms(sk.median_s * 1000),
          ratio(sk.median_s * 1000, fit.medianMs),
          `sklearn ${String(sk.sklearn)}; ${condensed}`,
        ]);
    }
  }
  notes.push(
    `complete and average linkage at 20,000 rows are not run: segmentkit refuses them above 16,384 rows (they need the condensed matrix, ${mib(20_000 * 19_999 * 4)} here) and says to use ward or single.`,
  );
  return [
    {
      id: 'agglomerative',
      title: 'Agglomerative clustering: segmentkit vs scikit-learn',
      description: `makeBlobs ${d} features, ${K} blobs (std 1.5, seed 2026); the whole tree plus labels for k = ${K}. segmentkit runs with its default \`workers: 'auto'\` (complete and average compute their distances on every core, ${availableThreads()} threads here, and a second thread takes half of each long scan and update of the merge chain; single linkage splits each of Prim's scans) and, for those three, with \`workers: 1\`, and again with WebAssembly SIMD off (the scalar kernels); every tree is compared with the default one. Ward runs on one thread. Fits in a row reuse the distance matrix's memory, so the first fit of a fresh process (in the notes) also pays for the first touch of its pages and the worker start-up. Median of 3–5 runs for segmentkit, 2–3 for scikit-learn (\`sklearn_bench.py agglomerative\`: scipy's linkage for ward, complete and average, scikit-learn's own minimum spanning tree for single). segmentkit's peak memory is sampled in a separate process (the resident set above the loaded data, at each progress event). Ratios: how many times faster segmentkit is.`,
      header: ['data', 'contender', 'fit time', 'segmentkit is … faster', 'notes'],
      rows,
      notes,
    },
  ];
}
