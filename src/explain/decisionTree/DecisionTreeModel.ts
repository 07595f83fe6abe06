import { formatNumber, htmlSummary } from '../../core/display';
import { describeValue } from '../../core/describeValue';
import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { checkModel, readModelHeader, readNumberArray, readString, type JsonObject } from '../../core/modelJson';
import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions } from '../../core/validateOptions';
import type { TreeArrays } from './buildTree';
import type { TreeCriterion } from './decisionTreeParams';

/** A class label of a tree: a number or a name. */
export type ClassLabel = number | string;

/** One leaf as a rule: the path's conditions, merged per feature into one interval each. */
export interface TreeRule {
  /** Leaf node index. */
  readonly leaf: number;
  /** The conditions, e.g. `['recency ≤ 41', 'monetary > 1250']`. */
  readonly conditions: readonly string[];
  /** The conditions joined with " and " ("all customers" for a tree with one leaf). */
  readonly text: string;
  /** The class the leaf predicts. */
  readonly prediction: ClassLabel;
  /** Training rows in the leaf. */
  readonly samples: number;
  /** Class shares in the leaf (weighted), in `classes` order. */
  readonly proba: readonly number[];
}

/** The JSON form of a {@link DecisionTreeModel}. */
export interface DecisionTreeModelJSON {
  /** Always `'DecisionTreeModel'`. */
  readonly kind: 'DecisionTreeModel';
  /** Format version. */
  readonly version: 1;
  /** The impurity the tree was grown with. */
  readonly criterion: TreeCriterion;
  /** Class labels, sorted as scikit-learn sorts them. */
  readonly classes: ClassLabel[];
  /** Feature names, in column order. */
  readonly featureNames: string[];
  /** Per node: index of the left child (−1 for leaves). */
  readonly left: number[];
  /** Per node: index of the right child (−1 for leaves). */
  readonly right: number[];
  /** Per node: the split feature (−2 for leaves). */
  readonly feature: number[];
  /** Per node: the split threshold (rows with x ≤ threshold go left). */
  readonly threshold: number[];
  /** Per node: its impurity. */
  readonly impurity: number[];
  /** Per node: how many training rows reached it. */
  readonly nSamples: number[];
  /** Per node: their total weight. */
  readonly weightedNSamples: number[];
  /** Weighted class counts per node, flattened (nodes × classes). */
  readonly value: number[];
}

const KIND = 'DecisionTreeModel';

function formatThreshold(value: number): string {
  return formatNumber(value, 6);
}

/**
 * A fitted decision tree (immutable), in scikit-learn's layout: node arrays in depth-first order with the left
 * child first; rows with `x[feature] ≤ threshold` go left. Produced by {@link DecisionTreeClassifier.fit}.
 *
 * @example
 * const tree = new DecisionTreeClassifier().fit([[1], [2], [8], [9]], ['low', 'low', 'high', 'high']);
 * [tree.predict([[0], [10]]), tree.nLeaves]; // => [['low', 'high'], 2]
 */
export class DecisionTreeModel extends FittedModel {
  /** The class labels, sorted (the order of `predictProba`'s columns). */
  readonly classes: readonly ClassLabel[];
  /** Names used in rules. */
  readonly featureNames: readonly string[];
  /** The split criterion it was grown with. */
  readonly criterion: TreeCriterion;
  /** The node arrays (see the class description). */
  readonly tree: Readonly<TreeArrays>;
  /** Impurity-based importances (scikit-learn's `feature_importances_`), summing to 1 (0s for a stump). */
  readonly featureImportances: readonly number[];
  /** Deepest leaf (root = 0). */
  readonly depth: number;
  /** Number of leaves. */
  readonly nLeaves: number;

  /** @internal Use {@link DecisionTreeClassifier.fit} or {@link DecisionTreeModel.fromJSON}. */
  constructor(fields: { classes: ClassLabel[]; featureNames: string[]; criterion: TreeCriterion; tree: TreeArrays; nFeatures: number }) {
    super(KIND, fields.nFeatures);
    this.classes = Object.freeze([...fields.classes]);
    this.featureNames = Object.freeze([...fields.featureNames]);
    this.criterion = fields.criterion;
    this.tree = Object.freeze({ ...fields.tree });
    const { left, right, feature, impurity, weightedNSamples } = fields.tree;
    const importances = new Float64Array(fields.nFeatures);
    let leaves = 0;
    const depths = new Int32Array(left.length);
    let depth = 0;
    for (let node = 0; node < left.length; node++) {
      if (left[node]! < 0) {
        leaves++;
        if (depths[node]! > depth) depth = depths[node]!;
        continue;
      }
      const l = left[node]!;
      const r = right[node]!;
      depths[l] = depths[node]! + 1;
      depths[r] = depths[node]! + 1;
      importances[feature[node]!]! +=
        weightedNSamples[node]! * impurity[node]! - weightedNSamples[l]! * impurity[l]! - weightedNSamples[r]! * impurity[r]!;
    }
    const totalWeight = weightedNSamples[0]!;
    let sum = 0;
    for (let j = 0; j < importances.length; j++) {
      importances[j] = importances[j]! / totalWeight;
      sum += importances[j]!;
    }
    this.featureImportances = Object.freeze(Array.from(importances, (v) => (sum > 0 ? v / sum : 0)));
    this.depth = depth;
    this.nLeaves = leaves;
    Object.freeze(this);
  }

  /**
   * The leaf each row lands in (node indices).
   *
   * @example
   * new DecisionTreeClassifier().fit([[1], [9]], [0, 1]).apply([[0], [10]]); // => Int32Array [1, 2]
   */
  apply(X: MatrixLike): Int32Array {
    const m = this.rowsFor(X, 'apply');
    return this.#leaves(m);
  }

  #leaves(m: Matrix): Int32Array {
    const { left, right, feature, threshold } = this.tree;
    const out = new Int32Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      let node = 0;
      // features compared in single precision, as they were when the tree was grown (and as scikit-learn does)
      while (left[node]! >= 0) node = Math.fround(m.data[i * m.cols + feature[node]!]!) <= threshold[node]! ? left[node]! : right[node]!;
      out[i] = node;
    }
    return out;
  }

  /**
   * Class shares of each row's leaf (rows × classes, in `classes` order), as scikit-learn's `predict_proba`.
   *
   * @example
   * new DecisionTreeClassifier({ maxDepth: 1 }).fit([[1], [2], [3], [9]], [0, 0, 1, 1]).predictProba([[0]]).data; // => Float64Array [1, 0]
   */
  predictProba(X: MatrixLike): Matrix {
    const m = this.rowsFor(X, 'predictProba');
    const leaves = this.#leaves(m);
    const k = this.classes.length;
    const data = new Float64Array(m.rows * k);
    const { value } = this.tree;
    for (let i = 0; i < m.rows; i++) {
      const node = leaves[i]!;
      let total = 0;
      for (let c = 0; c < k; c++) total += value[node * k + c]!;
      for (let c = 0; c < k; c++) data[i * k + c] = total > 0 ? value[node * k + c]! / total : 1 / k;
    }
    return { data, rows: m.rows, cols: k };
  }

  /**
   * The predicted class of each row: its leaf's most frequent (weighted) class, the first in `classes` on a tie.
   *
   * @example
   * new DecisionTreeClassifier().fit([[1], [9]], ['no', 'yes']).predict([[8]]); // => ['yes']
   */
  predict(X: MatrixLike): ClassLabel[] {
    const m = this.rowsFor(X, 'predict');
    const leaves = this.#leaves(m);
    return Array.from(leaves, (node) => this.classes[this.#leafClass(node)]!);
  }

  #leafClass(node: number): number {
    const k = this.classes.length;
    let best = 0;
    for (let c = 1; c < k; c++) if (this.tree.value[node * k + c]! > this.tree.value[node * k + best]!) best = c;
    return best;
  }

  /**
   * Every leaf as a rule: the path's conditions merged per feature (`lo < x ≤ hi`), with the leaf's class, size
   * and class shares. `format(feature, threshold)` turns a threshold into the user's units (default: as is).
   *
   * @example
   * const tree = new DecisionTreeClassifier().fit([[1, 5], [2, 6], [8, 5], [9, 6]], ['a', 'a', 'b', 'b'], { featureNames: ['spend', 'visits'] });
   * tree.rules().map((r) => r.text); // => ['spend ≤ 5', 'spend > 5']
   */
  rules(options: { format?: (feature: number, threshold: number) => string } = {}): TreeRule[] {
    assertKnownOptions('DecisionTreeModel.rules', options, ['format']);
    if (options.format !== undefined && typeof options.format !== 'function')
      throw new SegmentkitError(
        'E_PARAM',
        `DecisionTreeModel.rules: format must be a function (feature, threshold) => text, got ${describeValue(options.format)}`,
      );
    const format = options.format ?? ((_feature: number, value: number) => formatThreshold(value));
    const { left, right, feature, threshold, nSamples, value } = this.tree;
    const k = this.classes.length;
    const out: TreeRule[] = [];
    const walk = (node: number, lower: Map<number, number>, upper: Map<number, number>): void => {
      if (left[node]! < 0) {
        const features = [...new Set([...lower.keys(), ...upper.keys()])].sort((a, b) => a - b);
        const conditions = features.map((j) => {
          const name = this.featureNames[j]!;
          const lo = lower.get(j);
          const hi = upper.get(j);
          if (lo !== undefined && hi !== undefined) return `${format(j, lo)} < ${name} ≤ ${format(j, hi)}`;
          return lo !== undefined ? `${name} > ${format(j, lo)}` : `${name} ≤ ${format(j, hi!)}`;
        });
        let total = 0;
        for (let c = 0; c < k; c++) total += value[node * k + c]!;
        out.push({
          leaf: node,
          conditions,
          text: conditions.length === 0 ? 'all customers' : conditions.join(' and '),
          prediction: this.classes[this.#leafClass(node)]!,
          samples: nSamples[node]!,
          proba: Array.from({ length: k }, (_, c) => (total > 0 ? value[node * k + c]! / total : 0)),
        });
        return;
      }
      const j = feature[node]!;
      const t = threshold[node]!;
      const upperLeft = new Map(upper);
      upperLeft.set(j, Math.min(upper.get(j) ?? Number.POSITIVE_INFINITY, t));
      walk(left[node]!, lower, upperLeft);
      const lowerRight = new Map(lower);
      lowerRight.set(j, Math.max(lower.get(j) ?? Number.NEGATIVE_INFINITY, t));
      walk(right[node]!, lowerRight, upper);
    };
    walk(0, new Map(), new Map());
    return out;
  }

  /**
   * The fitted tree as plain JSON.
   *
   * @example
   * new DecisionTreeClassifier().fit([[1], [9]], [0, 1]).toJSON().feature; // => [0, -2, -2]
   */
  toJSON(): DecisionTreeModelJSON {
    const t = this.tree;
    return {
      kind: KIND,
      version: 1,
      criterion: this.criterion,
      classes: [...this.classes],
      featureNames: [...this.featureNames],
      left: Array.from(t.left),
      right: Array.from(t.right),
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold),
      impurity: Array.from(t.impurity),
      nSamples: Array.from(t.nSamples),
      weightedNSamples: Array.from(t.weightedNSamples),
      value: Array.from(t.value),
    };
  }

  /**
   * Rebuild from {@link DecisionTreeModel.toJSON} output, validating every field (node links form a tree, split
   * features in range, counts non-negative).
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * const json = new DecisionTreeClassifier().fit([[1], [9]], [0, 1]).toJSON();
   * DecisionTreeModel.fromJSON(json).predict([[10]]); // => [1]
   */
  static fromJSON(json: unknown): DecisionTreeModel {
    const context = `${KIND}.fromJSON`;
    const object: JsonObject = readModelHeader(json, KIND, 1);
    const criterion = readString(object, 'criterion', context, ['gini', 'entropy'] as const);
    const classesRaw = object.classes;
    checkModel(
      Array.isArray(classesRaw) &&
        classesRaw.length >= 1 &&
        classesRaw.every((c) => typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c))),
      context,
      'classes must be a non-empty list of numbers or strings',
    );
    const classes = classesRaw as ClassLabel[];
    const namesRaw = object.featureNames;
    checkModel(
      Array.isArray(namesRaw) && namesRaw.length >= 1 && namesRaw.length <= 100_000 && namesRaw.every((s) => typeof s === 'string'),
      context,
      'featureNames must be a list of strings',
    );
    const featureNames = namesRaw as string[];
    const d = featureNames.length;
    const left = readNumberArray(object, 'left', context);
    const nodes = left.length;
    checkModel(nodes >= 1 && nodes <= 10_000_000, context, 'the tree must have between 1 and 10 000 000 nodes');
    const right = readNumberArray(object, 'right', context, nodes);
    const feature = readNumberArray(object, 'feature', context, nodes);
    const threshold = readNumberArray(object, 'threshold', context, nodes);
    const impurity = readNumberArray(object, 'impurity', context, nodes);
    const nSamples = readNumberArray(object, 'nSamples', context, nodes);
    const weightedNSamples = readNumberArray(object, 'weightedNSamples', context, nodes);
    const value = readNumberArray(object, 'value', context, nodes * classes.length);
    const seen = new Uint8Array(nodes);
    for (let node = 0; node < nodes; node++) {
      const l = left[node]!;
      const r = right[node]!;
      const leaf = l === -1 && r === -1;
      checkModel(
        leaf ? feature[node] === -2 : Number.isInteger(feature[node]) && feature[node]! >= 0 && feature[node]! < d,
        context,
        `node ${node}: feature out of range`,
      );
      if (!leaf) {
        checkModel(
          Number.isInteger(l) && Number.isInteger(r) && l > node && r > node && l < nodes && r < nodes && seen[l] === 0 && seen[r] === 0,
          context,
          `node ${node}: children must be later, distinct, unused nodes`,
        );
        seen[l] = 1;
        seen[r] = 1;
      }
      checkModel(
        Number.isInteger(nSamples[node]) && nSamples[node]! >= 0 && weightedNSamples[node]! >= 0 && impurity[node]! >= 0,
        context,
        `node ${node}: counts and impurity must be ≥ 0`,
      );
    }
    checkModel(
      value.every((v) => v >= 0),
      context,
      'value must hold counts ≥ 0',
    );
    return new DecisionTreeModel({
      classes,
      featureNames,
      criterion,
      nFeatures: d,
      tree: {
        left: Int32Array.from(left),
        right: Int32Array.from(right),
        feature: Int32Array.from(feature),
        threshold: Float64Array.from(threshold),
        impurity: Float64Array.from(impurity),
        nSamples: Int32Array.from(nSamples),
        weightedNSamples: Float64Array.from(weightedNSamples),
        value: Float64Array.from(value),
      },
    });
  }

  /** @internal */
  protected summaryLine(): string {
    return `DecisionTreeModel { ${this.nLeaves} leaves, depth ${this.depth}, classes: [${this.classes.map(String).join(', ')}], criterion: ${this.criterion} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const rules = this.rules();
    return htmlSummary(
      'DecisionTreeModel',
      [
        ['leaves', String(this.nLeaves)],
        ['depth', String(this.depth)],
        ['criterion', this.criterion],
      ],
      { header: ['rule', 'predicts', 'rows'], rows: rules.slice(0, 50).map((r) => [r.text, String(r.prediction), String(r.samples)]) },
    );
  }
}
