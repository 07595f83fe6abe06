import { describeValue } from '../../core/describeValue';
import { Estimator } from '../../core/Estimator';
import type { MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { buildTree } from './buildTree';
import { DECISION_TREE_PARAMS, type DecisionTreeParams } from './decisionTreeParams';
import { DecisionTreeModel, type ClassLabel } from './DecisionTreeModel';
import { SklearnTreeRandom, sklearnSplitterSeed } from './sklearnRandom';

/** Options of {@link DecisionTreeClassifier.fit}. */
export interface DecisionTreeFitOptions {
  /** Names of the columns, for rules (default `x0`, `x1`, …). */
  readonly featureNames?: readonly string[];
  /** A weight per row (multiplied by the class weight). */
  readonly sampleWeight?: ArrayLike<number>;
}

function compareLabels(a: ClassLabel, b: ClassLabel): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A CART classification tree, equal to scikit-learn 1.2's `DecisionTreeClassifier` (best splitter, depth-first
 * growth) on fits without exactly tied splits: gini or entropy, `maxDepth`, `minSamplesSplit`, `minSamplesLeaf`,
 * `minImpurityDecrease`, `classWeight`. Ties between equally good splits are broken by a seeded feature order,
 * so a seed always gives the same tree. Use it as a surrogate that explains any segmentation in rules, or to
 * grow target-driven segments (the leaves of a churn tree).
 *
 * @example
 * const X = [[1, 30], [2, 25], [3, 40], [10, 5], [11, 8], [12, 2]];
 * const tree = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, ['stay', 'stay', 'stay', 'churn', 'churn', 'churn'], { featureNames: ['tenure', 'tickets'] });
 * tree.rules().map((r) => `${r.text} → ${r.prediction}`); // => ['tickets ≤ 16.5 → churn', 'tickets > 16.5 → stay']
 */
export class DecisionTreeClassifier extends Estimator<DecisionTreeParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a value of the wrong type or range. */
  constructor(params: DecisionTreeParams = {}) {
    super(DECISION_TREE_PARAMS, params);
  }

  /**
   * Grow the tree on `X` (finite numbers) and one class label per row.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` (labels or weights of the wrong length), `E_PARSE` (a bad label),
   *   `E_NOT_FINITE`, `E_EMPTY`, `E_PARAM` (weights that are negative or all zero, unknown options).
   * @example
   * new DecisionTreeClassifier().fit([[0], [1]], ['a', 'b']).classes; // => ['a', 'b']
   */
  fit(X: MatrixLike, y: ArrayLike<ClassLabel>, options: DecisionTreeFitOptions = {}): DecisionTreeModel {
    const { context, m } = this.startFit(X, options, { knownOptions: ['featureNames', 'sampleWeight'] });
    const n = m.rows;
    if (y === null || typeof y !== 'object' || typeof y.length !== 'number')
      throw new SegmentkitError('E_PARAM', `${context}: y must be an array of class labels, one per row`);
    if (y.length !== n) throw new SegmentkitError('E_SHAPE', `${context}: ${y.length} labels for ${n} rows; pass one class label per row`);
    const seen = new Set<ClassLabel>();
    for (let i = 0; i < n; i++) {
      const label = y[i];
      if (!(typeof label === 'string' || (typeof label === 'number' && Number.isFinite(label)))) {
        throw new SegmentkitError('E_PARSE', `${context}: y[${i}] is ${describeValue(label)}; class labels are numbers or strings`);
      }
      seen.add(label);
    }
    const classes = [...seen].sort(compareLabels);
    const index = new Map(classes.map((c, i) => [c, i]));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = index.get(y[i]!)!;
    const p = DECISION_TREE_PARAMS.resolve(this.params);
    const weights = new Float64Array(n).fill(1);
    if (options.sampleWeight !== undefined) {
      const w = options.sampleWeight;
      if (w === null || typeof w !== 'object' || w.length !== n)
        throw new SegmentkitError('E_SHAPE', `${context}: sampleWeight must have one weight per row (${n})`);
      for (let i = 0; i < n; i++) {
        const v = w[i];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
          throw new SegmentkitError('E_PARAM', `${context}: sampleWeight[${i}] is ${describeValue(v)}; weights are finite and ≥ 0`);
        weights[i] = v;
      }
    }
    if (p.classWeight !== undefined) {
      const classWeights = new Float64Array(classes.length);
      if (p.classWeight === 'balanced') {
        const counts = new Float64Array(classes.length);
        for (let i = 0; i < n; i++) counts[codes[i]!]!++;
        for (let c = 0; c < classes.length; c++) classWeights[c] = n / (classes.length * counts[c]!);
      } else {
        const given = p.classWeight;
        classes.forEach((c, i) => {
          const key = String(c);
          classWeights[i] = Object.hasOwn(given, key) ? given[key]! : 1;
        });
      }
      for (let i = 0; i < n; i++) weights[i] = weights[i]! * classWeights[codes[i]!]!;
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    if (!(total > 0)) throw new SegmentkitError('E_PARAM', `${context}: the row weights sum to 0; give some rows a positive weight`);
    const featureNames = options.featureNames ?? Array.from({ length: m.cols }, (_, j) => `x${j}`);
    if (!Array.isArray(featureNames) || featureNames.length !== m.cols || !featureNames.every((f) => typeof f === 'string')) {
      throw new SegmentkitError('E_SHAPE', `${context}: featureNames must be ${m.cols} strings, one per column`);
    }
    // scikit-learn's own generators, so seed = random_state gives the same tree, ties included
    const rng = new SklearnTreeRandom(sklearnSplitterSeed(p.seed));
    // scikit-learn grows trees on single-precision features (its DTYPE is float32): round the same way, so the
    // candidate thresholds (midpoints of neighbouring values) are the same numbers
    const single = { data: m.data.map((v) => Math.fround(v)), rows: m.rows, cols: m.cols };
    for (let i = 0; i < single.data.length; i++) {
      if (!Number.isFinite(single.data[i]!)) {
        throw new SegmentkitError(
          'E_DOMAIN',
          `${context}: X[${Math.floor(i / m.cols)}][${i % m.cols}] is ${m.data[i]}, beyond single precision (±3.4e38); rescale that column`,
        );
      }
    }
    const tree = buildTree(
      single,
      codes,
      classes.length,
      weights,
      {
        criterion: p.criterion,
        maxDepth: p.maxDepth ?? Number.MAX_SAFE_INTEGER,
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        minImpurityDecrease: p.minImpurityDecrease,
      },
      rng,
    );
    return new DecisionTreeModel({ classes, featureNames: [...featureNames], criterion: p.criterion, tree, nFeatures: m.cols });
  }
}
