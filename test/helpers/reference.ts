import { readFileSync } from 'node:fs';

import { fileURLToPath } from 'node:url';

/** Load a committed reference fixture from test/reference/. */
export function loadReference<T>(name: string): T {
  const path = fileURLToPath(new URL(`../reference/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Assert-style relative closeness used for reference comparisons (|a − b| ≤ rtol·max(|b|, tiny)). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}
