import { expect } from 'vitest';
import type { Matrix } from 'segmentkit';

import { loadReference } from '../helpers/reference';

export interface ScalerCase {
  transform: number[][];
  transformNew: number[][];
  inverseNew?: number[][];
  mean?: number[];
  var?: number[];
  scale?: number[];
  center?: number[];
  data_min?: number[];
  data_max?: number[];
  min?: number[];
  max_abs?: number[];
  lambdas?: number[];
}

export interface ScalerReference {
  X: number[][];
  XNew: number[][];
  positive: number[][];
  positiveNew: number[][];
  yeoJohnsonColumns: number[];
  cases: Record<string, ScalerCase>;
}

let cached: ScalerReference | undefined;
export function scalerReference(): ScalerReference {
  cached ??= loadReference<ScalerReference>('scalers.json');
  return cached;
}

/** Element-wise |a − e| ≤ atol + rtol·|e| for a matrix (or a flat list) against nested expected values. */
export function expectMatrixClose(
  actual: Matrix | readonly number[],
  expected: readonly number[] | readonly (readonly number[])[],
  rtol: number,
  atol = 0,
): void {
  const flatExpected = (expected as readonly (number | readonly number[])[]).flat() as number[];
  const flatActual = Array.isArray(actual) ? (actual as number[]) : Array.from((actual as Matrix).data);
  expect(flatActual.length).toBe(flatExpected.length);
  for (let i = 0; i < flatExpected.length; i++) {
    const a = flatActual[i]!;
    const e = flatExpected[i]!;
    expect(Math.abs(a - e) <= atol + rtol * Math.abs(e), `index ${i}: ${a} vs ${e}`).toBe(true);
  }
}
