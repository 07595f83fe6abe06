// The same k-means fit on Node, Deno and Bun, on 1 and 2 worker threads, from the built package: what each
// runtime's threads pay, and that every runtime and thread count gives the same model (the inertia's bits).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ms, ratio, type BenchSection, type Cell } from './lib/harness';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROWS = 1_000_000;

interface Fit {
  readonly ms: number;
  readonly inertia: number;
  readonly nIter: number;
}

interface RuntimeResult {
  readonly runtime: string;
  readonly 1: Fit;
  readonly 2: Fit;
}

function run(command: string, args: readonly string[]): RuntimeResult | string {
  const result = spawnSync(command, [...args, path.join(root, 'bench/lib/runtimeKMeans.mjs'), String(ROWS)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (result.status !== 0) return `failed: ${(result.stderr || String(result.error)).slice(-300)}`;
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as RuntimeResult;
}

export default function runtimesBench(): BenchSection[] {
  const rows: Cell[][] = [];
  const notes: string[] = [];
  const bin = (name: string): string => path.join(root, 'node_modules/.bin', name);
  if (!existsSync(path.join(root, 'dist/index.js'))) {
    // no section: bench/RESULTS.md keeps the last measured one
    console.log('  not run: no dist/ (run npm run build first)');
    return [];
  }
  const runtimes: [string, string, readonly string[]][] = [
    ['Node', process.execPath, []],
    ['Deno', bin('deno'), ['run', '--allow-read', '--allow-env']],
    ['Bun', bin('bun'), []],
  ];
  const inertias = new Set<number>();
  for (const [name, command, args] of runtimes) {
    console.log(`  ${name}`);
    const result = run(command, args);
    if (typeof result === 'string') {
      rows.push([name, '—', '—', '—', result]);
      continue;
    }
    const { 1: one, 2: two } = result;
    inertias.add(one.inertia).add(two.inertia);
    rows.push([
      result.runtime,
      ms(one.ms),
      ms(two.ms),
      ratio(one.ms, two.ms),
      `${one.nIter} iterations; inertia ${one.inertia.toExponential(10)}`,
    ]);
  }
  notes.push(
    inertias.size === 1
      ? 'Every runtime and thread count gave the same inertia, to the last bit (the smoke runs compare the labels too).'
      : `The runtimes or thread counts DIFFER: ${inertias.size} distinct inertias (a determinism bug: report it).`,
  );
  return [
    {
      id: 'runtimes',
      title: 'k-means on Node, Deno and Bun, 1 and 2 threads',
      description: `The built package (dist/index.js) in each runtime (bench/lib/runtimeKMeans.mjs): makeBlobs ${ROWS.toLocaleString('en-US')} × 8 (8 blobs, std 2, seed 2026), KMeans with k = 8, seed 1 (k-means++ seeding and Hamerly, the defaults), workers 1 and 2, on the WebAssembly SIMD kernels every one of these runtimes has; median of 5 fits after a warm-up. Deno's worker threads post their buffers as shared WebAssembly memories (see docs/guides/every-core.md). Ratio: how many times faster two threads are.`,
      header: ['runtime', '1 thread', '2 threads', '2 threads are … faster', 'notes'],
      rows,
      notes,
    },
  ];
}
