import { describeValue } from '../../core/describeValue';
import { check, ParamKit } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';

/** How a split's quality is measured. */
export type TreeCriterion = 'gini' | 'entropy';

/** Hyper-parameters of {@link DecisionTreeClassifier} (scikit-learn's names, camel-cased). */
export interface DecisionTreeParams {
  /** `'gini'` (default) or `'entropy'` (information gain, log base 2). */
  readonly criterion?: TreeCriterion;
  /** Deepest level a node may have (the root is depth 0). Default: unlimited. */
  readonly maxDepth?: number;
  /** A node needs at least this many rows to be split. Default 2. */
  readonly minSamplesSplit?: number;
  /** Every leaf keeps at least this many rows. Default 1. */
  readonly minSamplesLeaf?: number;
  /** A split must lower the weighted impurity by at least this much. Default 0. */
  readonly minImpurityDecrease?: number;
  /** `'balanced'` (weights n / (classes · count)), or a weight per class label. Default: all 1. */
  readonly classWeight?: 'balanced' | Readonly<Record<string, number>>;
  /**
   * Seed of the feature order per node, which decides between equally good splits: the same number as
   * scikit-learn's `random_state` gives the same tree. A whole number from 0 to 2³² − 1. Default 0.
   */
  readonly seed?: number;
}

type Defaults = 'criterion' | 'minSamplesSplit' | 'minSamplesLeaf' | 'minImpurityDecrease' | 'seed';

const classWeightCheck = (value: unknown, context: string, name: string): 'balanced' | Readonly<Record<string, number>> => {
  if (value === 'balanced') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [label, weight] of Object.entries(value)) {
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
        throw new SegmentkitError('E_PARAM', `${context}: ${name}.${label} must be a finite weight ≥ 0, got ${describeValue(weight)}`);
      }
    }
    return Object.freeze({ ...(value as Record<string, number>) });
  }
  throw new SegmentkitError(
    'E_PARAM',
    `${context}: ${name} must be 'balanced' or an object of weights per class, got ${describeValue(value)}`,
  );
};

/** @internal The spec of {@link DecisionTreeParams}. */
export const DECISION_TREE_PARAMS: ParamKit<DecisionTreeParams, Defaults> = /* @__PURE__ */ new ParamKit<DecisionTreeParams, Defaults>(
  'DecisionTreeClassifier',
  () => ({
    criterion: { doc: "split quality: 'gini' or 'entropy'", check: /* @__PURE__ */ check.oneOf(['gini', 'entropy']), default: 'gini' },
    maxDepth: { doc: 'deepest level (root = 0)', check: /* @__PURE__ */ check.integer({ min: 1 }) },
    minSamplesSplit: { doc: 'rows a node needs to be split', check: /* @__PURE__ */ check.integer({ min: 2 }), default: 2 },
    minSamplesLeaf: { doc: 'rows every leaf keeps', check: /* @__PURE__ */ check.integer({ min: 1 }), default: 1 },
    minImpurityDecrease: {
      doc: 'smallest weighted impurity decrease of a split',
      check: /* @__PURE__ */ check.number({ min: 0 }),
      default: 0,
    },
    classWeight: { doc: "'balanced' or a weight per class", check: classWeightCheck },
    seed: {
      doc: 'seed of the feature order per node (scikit-learn random_state)',
      check: /* @__PURE__ */ check.integer({ min: 0, max: 4294967295 }),
      default: 0,
    },
  }),
);
