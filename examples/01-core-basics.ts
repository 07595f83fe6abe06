// The numeric core: matrices, validation errors, seeded randomness and kernels.
import { columnMeans, columnVariances, createRng, isSegmentkitError, makeBlobs, quantile, toMatrix } from 'segmentkit';

// Any table of numbers becomes one contiguous row-major Float64Array, validated once.
const X = toMatrix(
  [
    [1, 200],
    [2, 180],
    [3, 260],
    [4, 210],
  ],
  'example',
);
console.log('rows × cols:', X.rows, '×', X.cols);
console.log('column means:', Array.from(columnMeans(X)));
console.log('column variances (ddof 0, as numpy):', Array.from(columnVariances(X)));
console.log('median of column 1:', quantile([200, 180, 260, 210], 0.5));

// Bad input is a SegmentkitError with a stable code and a message that says what to fix.
try {
  toMatrix(
    [
      [1, 2],
      [3, Number.NaN],
    ],
    'example',
  );
} catch (err) {
  if (isSegmentkitError(err)) console.log(`${err.code}: ${err.message}`);
}

// Every randomised function takes a seed; the same seed gives the same numbers on Node, Deno and Bun.
const rng = createRng(2026);
console.log('three uniforms:', [rng.uniform(), rng.uniform(), rng.uniform()].map((u) => u.toFixed(6)).join(' '));
const { X: blobs, labels } = makeBlobs({ nSamples: 600, centers: 3, nFeatures: 2, seed: 1 });
console.log(`makeBlobs: ${blobs.rows} rows, ${new Set(labels).size} blobs`);
