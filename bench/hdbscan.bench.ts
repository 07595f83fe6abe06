// HDBSCAN: segmentkit against hdbscan-ts (the JS peer) and R's dbscan::hdbscan (bench/lib/hdbscan_fit.R, on the
// same bytes), 8-D blobs with uniform noise; labels compared as partitions (noise must be noise on both sides).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HDBSCAN as HdbscanTs } from 'hdbscan-ts';
import { HDBSCAN } from '../src/cluster/hdbscan/HDBSCAN';
import { createMatrix, type Matrix } from '../src/core/Matrix';
import { createRng } from '../src/core/createRng';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { writeRaw } from './lib/sklearn';

const MIN_CLUSTER_SIZE = 10;

/** makeBlobs (8 centres, std 1) plus 2 % rows uniform over the blobs' bounding box. */
function blobsWithNoise(n: number, d: number): Matrix {
  const noise = Math.round(0.02 * n);
  const { X } = makeBlobs({ nSamples: n - noise, nFeatures: d, centers: 8, clusterStd: 1, seed: 2026 });
  const data = new Float64Array(n * d);
  data.set(X.data);
  const rng = createRng(2026);
  for (let t = 0; t < d; t++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n - noise; i++) {
      lo = Math.min(lo, X.data[i * d + t]!);
      hi = Math.max(hi, X.data[i * d + t]!);
    }
    for (let i = n - noise; i < n; i++) data[i * d + t] = lo + (hi - lo) * rng.uniform();
  }
  return createMatrix(data, n, d);
}

/** Rows whose labels disagree after matching clusters one to one (noise must be noise on both sides). */
function disagreements(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < 0 || y < 0) {
      if (x < 0 !== y < 0) bad++;
      continue;
    }
    if (!map.has(x) && !back.has(y)) {
      map.set(x, y);
      back.set(y, x);
    }
    if (map.get(x) !== y) bad++;
  }
  return bad;
}

function rHdbscan(file: string, n: number, d: number): { seconds: number; labels: number[] } | undefined {
  const probe = spawnSync('Rscript', ['-e', 'library(dbscan)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('  R column skipped: Rscript with dbscan is not installed (apt-get install -y r-base-core r-cran-dbscan)');
    return undefined;
  }
  const script = fileURLToPath(new URL('./lib/hdbscan_fit.R', import.meta.url));
  const run = spawnSync('Rscript', [script, file, String(n), String(d), String(MIN_CLUSTER_SIZE)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) {
    console.log(`  R hdbscan failed: ${run.stderr.slice(-400)}`);
    return undefined;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { seconds: number; labels: number[] };
}

function clusters(labels: ArrayLike<number>): number {
  return new Set(Array.from(labels).filter((v) => v >= 0)).size;
}

export default function hdbscanBench(): BenchSection[] {
  const rows: (string | number)[][] = [];
  for (const [n, d, peers] of [
    [2_000, 8, ['hdbscan-ts', 'R']],
    [20_000, 8, ['R']],
    [100_000, 8, []],
  ] as const) {
    const label = `${n.toLocaleString('en-US')} × ${d}`;
    console.log(`  ${label}`);
    const X = blobsWithNoise(n, d);
    const ours = timeIt(() => new HDBSCAN({ minClusterSize: MIN_CLUSTER_SIZE }).fit(X), { repeat: n >= 100_000 ? 1 : 3 });
    const model = ours.result;
    rows.push([
      label,
      'segmentkit HDBSCAN (Borůvka, k-d tree)',
      ms(ours.medianMs),
      '1×',
      `${model.nClusters} clusters, ${model.nNoise} noise`,
    ]);
    if ((peers as readonly string[]).includes('hdbscan-ts')) {
      const table = Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
      const t0 = performance.now();
      const peer = new HdbscanTs({ minClusterSize: MIN_CLUSTER_SIZE, minSamples: MIN_CLUSTER_SIZE });
      peer.fit(table);
      const peerMs = performance.now() - t0;
      const labels = (peer as unknown as { labels_: number[] }).labels_;
      rows.push([
        label,
        'hdbscan-ts 1.0.17',
        ms(peerMs),
        ratio(peerMs, ours.medianMs),
        `${clusters(labels)} clusters; rows labelled differently: ${disagreements(model.labels, labels)}`,
      ]);
    }
    if ((peers as readonly string[]).includes('R')) {
      const file = writeRaw('hdbscan.f64', X.data);
      const r = rHdbscan(file, n, d);
      rows.push([
        label,
        'R dbscan::hdbscan 1.1-11',
        r === undefined ? 'not run' : ms(r.seconds * 1000),
        r === undefined ? '—' : ratio(r.seconds * 1000, ours.medianMs),
        r === undefined ? '' : `${clusters(r.labels)} clusters; rows labelled differently: ${disagreements(model.labels, r.labels)}`,
      ]);
    }
  }
  return [
    {
      id: 'hdbscan',
      title: 'HDBSCAN against hdbscan-ts and R',
      description: `makeBlobs with 8 centres in 8-D (cluster std 1, seed 2026) plus 2 % uniform noise rows; minClusterSize = minSamples = ${MIN_CLUSTER_SIZE} (R: minPts ${MIN_CLUSTER_SIZE}). segmentkit median of 3 (one run at 100 k), the peers one run each: hdbscan-ts on number[][] built outside the timing (it takes minutes from 4 000 rows on), R's hdbscan timed inside R on the same bytes (it holds the n × n distance matrix: 3.5 GB at 20 000 rows). "rows labelled differently" matches clusters one to one; noise must be noise on both sides. Targets (issue 21): 100 k × 8 under 10 s, ≥ 10× hdbscan-ts, faster than R with the same labels.`,
      header: ['data', 'contender', 'time', 'segmentkit is … faster', 'notes'],
      rows,
    },
  ];
}
