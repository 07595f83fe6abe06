import { createRng, type Seed } from '../core/createRng';
import type { Matrix } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { describeValue } from '../core/describeValue';
import { isListLike } from '../core/listLike';
import { MAX_BUCKETS, MAX_CELLS, requireCells } from '../core/sizeLimits';
import { assertKnownOptions, requireInteger, requireNumber } from '../core/validateOptions';

/** Options for {@link makeBlobs}. */
export interface MakeBlobsOptions {
  /** Total number of rows, split as evenly as possible over the centres (the first ones get one more). Default 100. */
  readonly nSamples?: number;
  /** Number of columns when `centers` is a count. Default 2. */
  readonly nFeatures?: number;
  /** How many centres to draw uniformly in `centerBox`, or the centres themselves (k × nFeatures). Default 3. */
  readonly centers?: number | ReadonlyArray<ArrayLike<number>>;
  /** Standard deviation of every blob, or one per centre. Default 1. */
  readonly clusterStd?: number | readonly number[];
  /** Range the random centres are drawn from. Default [−10, 10]. */
  readonly centerBox?: readonly [number, number];
  /** Shuffle the rows (otherwise they come grouped by blob). Default `true`. */
  readonly shuffle?: boolean;
  /** Random seed. Default 0. */
  readonly seed?: Seed;
}

/** The result of {@link makeBlobs}. */
export interface Blobs {
  /** The rows (n × d, row-major). */
  readonly X: Matrix;
  /** Index of the blob each row was drawn from. */
  readonly labels: Int32Array;
  /** The blob centres (k × d). */
  readonly centers: number[][];
}

const OPTIONS = ['nSamples', 'nFeatures', 'centers', 'clusterStd', 'centerBox', 'shuffle', 'seed'];

/**
 * Isotropic Gaussian blobs with known labels, for tests, benchmarks and examples (as scikit-learn's
 * `make_blobs`, with segmentkit's own seeded generator, so values differ from numpy's).
 *
 * @throws {@link SegmentkitError} `E_PARAM` for invalid counts, spreads or unknown options, sizes beyond 2^27 cells, or
 *   centres and spreads so large that the rows would overflow.
 * @example
 * const { X, labels } = makeBlobs({ nSamples: 300, centers: 3, nFeatures: 2, seed: 1 });
 * [X.rows, X.cols, labels.length]; // => [300, 2, 300]
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Blobs {
  assertKnownOptions('makeBlobs', options, OPTIONS);
  const { nSamples = 100, centers: centersOption = 3, clusterStd = 1, centerBox = [-10, 10], shuffle = true, seed = 0 } = options;
  requireInteger('makeBlobs', 'nSamples', nSamples, { min: 1, max: MAX_CELLS });
  if (typeof shuffle !== 'boolean')
    throw new SegmentkitError('E_PARAM', `makeBlobs: shuffle must be true or false, got ${describeValue(shuffle)}`);
  const rng = createRng(seed);

  let centers: number[][];
  if (typeof centersOption === 'number') {
    const k = requireInteger('makeBlobs', 'centers', centersOption, { min: 1, max: MAX_BUCKETS });
    const d = requireInteger('makeBlobs', 'nFeatures', options.nFeatures ?? 2, { min: 1, max: MAX_CELLS });
    requireCells('makeBlobs', 'X', nSamples, d);
    requireCells('makeBlobs', 'the centres', k, d);
    if (!Array.isArray(centerBox) || centerBox.length !== 2)
      throw new SegmentkitError('E_PARAM', `makeBlobs: centerBox must be a pair [low, high], got ${describeValue(centerBox)}`);
    const [low, high] = centerBox;
    requireNumber('makeBlobs', 'centerBox[0]', low);
    requireNumber('makeBlobs', 'centerBox[1]', high, { min: low });
    if (!Number.isFinite(high - low))
      throw new SegmentkitError('E_PARAM', `makeBlobs: centerBox [${low}, ${high}] is wider than the largest double; narrow it`);
    centers = [];
    for (let c = 0; c < k; c++) {
      const center: number[] = [];
      for (let j = 0; j < d; j++) center.push(low + (high - low) * rng.uniform());
      centers.push(center);
    }
  } else {
    if (!Array.isArray(centersOption) || centersOption.length === 0) {
      throw new SegmentkitError('E_PARAM', 'makeBlobs: centers must be a positive count or a non-empty array of centres');
    }
    if (!centersOption.every(isListLike))
      throw new SegmentkitError('E_PARAM', 'makeBlobs: centers must be a count or an array of centres (arrays of numbers)');
    const d = centersOption[0]!.length;
    if (d === 0) throw new SegmentkitError('E_PARAM', 'makeBlobs: centers[0] has no columns');
    requireCells('makeBlobs', 'X', nSamples, d);
    if (options.nFeatures !== undefined && options.nFeatures !== d) {
      throw new SegmentkitError('E_PARAM', `makeBlobs: nFeatures is ${options.nFeatures} but the centres have ${d} columns`);
    }
    centers = centersOption.map((row, c) => {
      if (row.length !== d) throw new SegmentkitError('E_SHAPE', `makeBlobs: centers[${c}] has ${row.length} columns, expected ${d}`);
      return Array.from(row, (v, j) => requireNumber('makeBlobs', `centers[${c}][${j}]`, v));
    });
  }
  const k = centers.length;
  const d = centers[0]!.length;
  if (typeof clusterStd !== 'number' && !Array.isArray(clusterStd))
    throw new SegmentkitError(
      'E_PARAM',
      `makeBlobs: clusterStd must be a number or one number per centre, got ${describeValue(clusterStd)}`,
    );
  const stds = typeof clusterStd === 'number' ? new Array<number>(k).fill(clusterStd) : [...clusterStd];
  if (stds.length !== k) {
    throw new SegmentkitError('E_PARAM', `makeBlobs: clusterStd has ${stds.length} entries but there are ${k} centres`);
  }
  stds.forEach((s, c) => requireNumber('makeBlobs', `clusterStd[${c}]`, s, { min: 0 }));

  const data = new Float64Array(nSamples * d);
  const labels = new Int32Array(nSamples);
  const base = Math.floor(nSamples / k);
  const extra = nSamples % k;
  let row = 0;
  for (let c = 0; c < k; c++) {
    const count = base + (c < extra ? 1 : 0);
    const center = centers[c]!;
    const std = stds[c]!;
    for (let r = 0; r < count; r++, row++) {
      labels[row] = c;
      for (let j = 0; j < d; j++) data[row * d + j] = rng.normal(center[j]!, std);
    }
  }
  // a spread near the largest double (or a centre next to it) can push a draw past it
  for (let index = 0; index < data.length; index++) {
    if (!Number.isFinite(data[index]!)) {
      throw new SegmentkitError(
        'E_PARAM',
        `makeBlobs: row ${Math.floor(index / d)} overflows (centres and clusterStd this large leave no room for the draws); use smaller centres or spreads`,
      );
    }
  }
  if (!shuffle) return { X: { data, rows: nSamples, cols: d }, labels, centers };
  const order = rng.permutation(nSamples);
  const shuffled = new Float64Array(nSamples * d);
  const shuffledLabels = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const source = order[i]!;
    shuffled.set(data.subarray(source * d, source * d + d), i * d);
    shuffledLabels[i] = labels[source]!;
  }
  return { X: { data: shuffled, rows: nSamples, cols: d }, labels: shuffledLabels, centers };
}
