import { createRng, resolveSeed, type Seed } from '../core/createRng';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';

/** A label or a value a model predicts. */
/** A label a model predicts: a segment number or name. */
export type Prediction = number | string;

/** How predictions are scored (higher is better): accuracy, or your own function of (truth, predictions). */
export type PermutationScoring = 'accuracy' | ((truth: ArrayLike<Prediction>, predicted: ArrayLike<Prediction>) => number);

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Shuffles per feature. Default 5 (scikit-learn's). */
  readonly nRepeats?: number;
  /** Seed of the shuffles. Default 0. */
  readonly seed?: Seed;
  /** `'accuracy'` (default) or a function (truth, predictions) → score, higher better. */
  readonly scoring?: PermutationScoring;
  /** Names for the result. */
  readonly featureNames?: readonly string[];
}

/** The result of {@link permutationImportance}. */
export interface PermutationImportanceResult {
  /** Score on the untouched data. */
  readonly baseline: number;
  /** Per feature: baseline − score with that feature shuffled, averaged over the repeats. */
  readonly importancesMean: readonly number[];
  /** Per feature: the standard deviation over the repeats (ddof 0, as numpy). */
  readonly importancesStd: readonly number[];
  /** Per feature, per repeat. */
  readonly importances: readonly (readonly number[])[];
  /** Feature names, in the columns' order. */
  readonly featureNames: readonly string[];
  /** Feature indices from most to least important. */
  readonly ranking: readonly number[];
}

function accuracy(truth: ArrayLike<Prediction>, predicted: ArrayLike<Prediction>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return hits / truth.length;
}

/**
 * Permutation importance of each feature for any model, as scikit-learn's `permutation_importance`: shuffle one
 * column at a time (`nRepeats` times, seeded) and measure how much the score drops. Model-agnostic: pass a
 * model with `predict` (a tree, k-means, a mixture) or any function from a matrix to predictions.
 *
 * @param model - an object with `predict(X)`, or a function `(X) => predictions`
 * @param X - the rows to evaluate on (not modified)
 * @param y - the true labels (or the segments to explain)
 * @throws {@link SegmentkitError} `E_SHAPE` (y of the wrong length, predictions of the wrong length),
 *   `E_PARAM` (bad options, a model without predict), `E_NOT_FINITE`, `E_EMPTY`.
 * @example
 * const X = [[0, 5], [1, 3], [9, 4], [10, 6]];
 * const predict = (m) => Array.from({ length: m.rows }, (_, i) => (m.data[i * 2] > 5 ? 1 : 0));
 * const r = permutationImportance(predict, X, [0, 0, 1, 1], { nRepeats: 20 });
 * [r.ranking[0], r.importancesMean[1]]; // => [0, 0]
 */
export function permutationImportance(
  model: { predict(X: Matrix): ArrayLike<Prediction> } | ((X: Matrix) => ArrayLike<Prediction>),
  X: MatrixLike,
  y: ArrayLike<Prediction>,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const context = 'permutationImportance';
  assertKnownOptions(context, options, ['nRepeats', 'seed', 'scoring', 'featureNames']);
  const predict =
    typeof model === 'function'
      ? model
      : model !== null && typeof model === 'object' && typeof (model as { predict?: unknown }).predict === 'function'
        ? (m: Matrix) => (model as { predict(X: Matrix): ArrayLike<Prediction> }).predict(m)
        : undefined;
  if (predict === undefined) throw new SegmentkitError('E_PARAM', `${context}: model must have a predict(X) method or be a function of X`);
  const m = toMatrix(X, context);
  const { rows: n, cols: d } = m;
  if (y === null || typeof y !== 'object' || y.length !== n) {
    throw new SegmentkitError('E_SHAPE', `${context}: y must have one value per row (${n})`);
  }
  const nRepeats = requireInteger(context, 'nRepeats', options.nRepeats ?? 5, { min: 1, max: 10_000 });
  const scoringOption = options.scoring ?? 'accuracy';
  if (scoringOption !== 'accuracy' && typeof scoringOption !== 'function') {
    throw new SegmentkitError('E_PARAM', `${context}: scoring must be 'accuracy' or a function (truth, predictions) => score`);
  }
  const score = scoringOption === 'accuracy' ? accuracy : scoringOption;
  const featureNames = options.featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
  if (featureNames.length !== d)
    throw new SegmentkitError('E_SHAPE', `${context}: featureNames has ${featureNames.length} names for ${d} columns`);
  const run = (matrix: Matrix): number => {
    const predicted = predict(matrix);
    if (predicted === null || typeof predicted !== 'object' || predicted.length !== n) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: the model returned ${predicted?.length ?? String(predicted)} predictions for ${n} rows`,
      );
    }
    const value = score(y, predicted);
    if (typeof value !== 'number' || Number.isNaN(value))
      throw new SegmentkitError('E_PARAM', `${context}: scoring returned ${String(value)}; it must return a number`);
    return value;
  };
  const baseline = run({ data: Float64Array.from(m.data), rows: n, cols: d });
  const rng = createRng(resolveSeed(options.seed ?? 0));
  const work = Float64Array.from(m.data);
  const column = new Float64Array(n);
  const importances: number[][] = [];
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = m.data[i * d + j]!;
    const drops: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      const order = rng.permutation(n);
      for (let i = 0; i < n; i++) work[i * d + j] = column[order[i]!]!;
      drops.push(baseline - run({ data: Float64Array.from(work), rows: n, cols: d }));
    }
    for (let i = 0; i < n; i++) work[i * d + j] = column[i]!;
    importances.push(drops);
  }
  const importancesMean = importances.map((drops) => drops.reduce((a, b) => a + b, 0) / drops.length);
  const importancesStd = importances.map((drops, j) =>
    Math.sqrt(drops.reduce((s, v) => s + (v - importancesMean[j]!) ** 2, 0) / drops.length),
  );
  const ranking = importancesMean.map((_, j) => j).sort((a, b) => importancesMean[b]! - importancesMean[a]! || a - b);
  return { baseline, importancesMean, importancesStd, importances, featureNames: [...featureNames], ranking };
}
