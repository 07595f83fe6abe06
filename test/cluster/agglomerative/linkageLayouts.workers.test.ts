// Internals: the two matrix layouts of complete and average linkage, and the distances on several threads.
import { AgglomerativeClustering, makeBlobs } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { condensedChain, distanceMatrix, fullMatrixChain } from '../../../src/cluster/agglomerative/linkageAlgorithms';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';
import { expectSegmentkitError } from '../../helpers/expectError';

const controls = { context: 'test', signal: undefined, onProgress: undefined };
const bitsOf = (values: ArrayLike<number>) => Array.from(new BigInt64Array(Float64Array.from(values).buffer));
/** Whether two matrices hold the same bits (a byte comparison: millions of entries). */
const sameBits = (a: Float64Array, b: Float64Array) =>
  a.length === b.length &&
  Buffer.compare(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) === 0;

afterAll(() => expect(workerFailureCount()).toBe(0));

describe('complete and average linkage: full and condensed matrices', () => {
  // blobs, and integer scores full of exact ties (where the scan order decides the merges)
  const blobs = makeBlobs({ nSamples: 1500, nFeatures: 3, centers: 5, clusterStd: 1.5, seed: 4 }).X;
  const ties = Float64Array.from({ length: 1200 * 2 }, (_, i) => ((i * 7919) % 13) + (i % 2));
  for (const [name, X, n, d] of [
    ['blobs', blobs.data, 1500, 3],
    ['integer ties', ties, 1200, 2],
  ] as const) {
    for (const method of ['complete', 'average'] as const) {
      it(`${name}, ${method}: the same merges, in the same order, at the same heights`, () => {
        const full = fullMatrixChain(distanceMatrix(X, n, d, true, null, controls), n, method, null, controls);
        const condensed = condensedChain(distanceMatrix(X, n, d, false, null, controls), n, method, controls);
        expect(Array.from(full.a)).toEqual(Array.from(condensed.a));
        expect(Array.from(full.b)).toEqual(Array.from(condensed.b));
        expect(bitsOf(full.height)).toEqual(bitsOf(condensed.height));
      });
    }
  }

  for (const [name, X, n, d] of [
    ['blobs', blobs.data, 1500, 3],
    ['integer ties', ties, 1200, 2],
  ] as const) {
    for (const method of ['complete', 'average'] as const) {
      it(`${name}, ${method}: the chain split over 2 and 3 threads makes the merges of 1, bit for bit`, () => {
        const one = fullMatrixChain(distanceMatrix(X, n, d, true, null, controls), n, method, null, controls);
        expect(one.helperTasks).toBe(0);
        for (const threads of [2, 3]) {
          const pool = threadPool(threads);
          const split = fullMatrixChain(distanceMatrix(X, n, d, true, pool, controls), n, method, pool, controls);
          // the helper took part (it joins when its worker gets to it, long before 1 000 merges are done)
          expect(split.helperTasks).toBeGreaterThan(0);
          expect(Array.from(split.a)).toEqual(Array.from(one.a));
          expect(Array.from(split.b)).toEqual(Array.from(one.b));
          expect(bitsOf(split.height)).toEqual(bitsOf(one.height));
        }
      });
    }
  }

  it('a chain that cannot close (NaN distances) stops with E_CONVERGENCE on 2 threads too, and the helper leaves', () => {
    const n = 600;
    const pool = threadPool(2);
    const D = distanceMatrix(blobs.data, n, 3, true, pool, controls);
    D.fill(Number.NaN);
    expectSegmentkitError(
      () => fullMatrixChain(D, n, 'average', pool, controls),
      'E_CONVERGENCE',
      'the merge distances cannot be compared',
    );
    // the pool still works: the helper left when the driver stopped
    const again = fullMatrixChain(distanceMatrix(blobs.data, n, 3, true, pool, controls), n, 'average', pool, controls);
    expect(again.height.length).toBe(n - 1);
  });

  it('the full matrix is symmetric to the bit, and equals the condensed one', () => {
    const n = 700;
    const d = 3;
    const full = distanceMatrix(blobs.data, n, d, true, null, controls);
    const condensed = distanceMatrix(blobs.data, n, d, false, null, controls);
    let k = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < n; i++) {
      if (!Object.is(full[i * n + i], 0)) mismatches.push(`D[${i}, ${i}]`);
      for (let j = i + 1; j < n; j++) {
        if (!Object.is(full[i * n + j], full[j * n + i])) mismatches.push(`D[${i}, ${j}] vs D[${j}, ${i}]`);
        if (!Object.is(full[i * n + j], condensed[k++])) mismatches.push(`D[${i}, ${j}] vs condensed`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // scipy's pdist: √(Σ (x − y)²), columns in order
    const x = blobs.data;
    expect(condensed[0]).toBe(Math.sqrt((x[0]! - x[3]!) ** 2 + (x[1]! - x[4]!) ** 2 + (x[2]! - x[5]!) ** 2));
  });

  it('both matrices are the same bits on 1, 2, 3 and 4 threads (2 100 rows: three waves of progress)', () => {
    const n = 2100;
    const X = makeBlobs({ nSamples: n, nFeatures: 5, centers: 3, seed: 9 }).X.data;
    for (const full of [true, false]) {
      const one = distanceMatrix(X, n, 5, full, null, controls);
      for (const threads of [2, 3, 4]) expect(sameBits(distanceMatrix(X, n, 5, full, threadPool(threads), controls), one)).toBe(true);
    }
  });

  it('fit gives the same tree for every workers value, and refuses a bad one for every linkage', () => {
    const X = makeBlobs({ nSamples: 900, nFeatures: 4, centers: 4, seed: 3 }).X;
    for (const linkage of ['complete', 'average'] as const) {
      const one = new AgglomerativeClustering({ linkage, nClusters: 4 }).fit(X, { workers: 1 }).linkageMatrix();
      expect(new AgglomerativeClustering({ linkage, nClusters: 4 }).fit(X, { workers: 3 }).linkageMatrix()).toEqual(one);
    }
    for (const linkage of ['ward', 'single', 'complete'] as const) {
      expectSegmentkitError(
        () => new AgglomerativeClustering({ linkage }).fit(X, { workers: 0 }),
        'E_PARAM',
        "AgglomerativeClustering.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
      );
    }
  });
});
