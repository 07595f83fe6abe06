// Runs ../shared/tools/sklearn_bench.py on the exact bytes a benchmark uses. Missing Python or script is not
// an error: the caller reports the column as unavailable and the JS contenders still run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../src/core/Matrix';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SKLEARN_SCRIPT = process.env.SKLEARN_BENCH ?? path.resolve(root, '../shared/tools/sklearn_bench.py');
const PYTHON = process.env.SKLEARN_PYTHON ?? '/usr/bin/python3';
const TMP = path.join(root, '.bench-tmp');

export interface SklearnResult {
  readonly median_s: number;
  readonly times: number[];
  readonly [key: string]: unknown;
}

let availability: string | undefined;

/** Why scikit-learn cannot run here, or undefined when it can. */
export function sklearnUnavailable(): string | undefined {
  if (availability !== undefined) return availability || undefined;
  if (!existsSync(SKLEARN_SCRIPT)) availability = `no ${SKLEARN_SCRIPT}`;
  else {
    const probe = spawnSync(PYTHON, ['-c', 'import sklearn, scipy'], { encoding: 'utf8' });
    availability = probe.status === 0 ? '' : `${PYTHON} cannot import sklearn/scipy (apt-get install -y python3-sklearn python3-scipy)`;
  }
  return availability || undefined;
}

/** Write a matrix (or int32 labels) as raw little-endian bytes in .bench-tmp/ and return the path. */
export function writeRaw(name: string, data: Float64Array | Int32Array): string {
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, name);
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return file;
}

/** Run one sklearn_bench.py task on `X`; returns undefined (and logs why) when unavailable or failing. */
export function runSklearn(task: string, X: Matrix, dataFile: string, args: readonly string[]): SklearnResult | undefined {
  const why = sklearnUnavailable();
  if (why !== undefined) {
    console.log(`  scikit-learn column skipped: ${why}`);
    return undefined;
  }
  const result = spawnSync(
    PYTHON,
    [SKLEARN_SCRIPT, task, '--data', dataFile, '--rows', String(X.rows), '--cols', String(X.cols), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (result.status !== 0) {
    console.log(`  scikit-learn ${task} failed: ${result.stderr.slice(-500)}`);
    return undefined;
  }
  const line = result.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as SklearnResult;
}
