import { describeValue } from '../core/describeValue';
import { formatNumber, htmlSummary } from '../core/display';
import { Displayable } from '../core/Displayable';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import type { FittedFeaturePipeline } from '../features/FittedFeaturePipeline';
import { buildIMM, costWithCenters, expandTree, routeRows, type ThresholdNode } from './thresholdTree';

/** A model whose segments have centres (k-means, mini-batch k-means) or means (a Gaussian mixture). */
export interface CentredModel {
  /** Cluster centres, one row per segment (k-means models). */
  readonly centroids?: readonly (readonly number[])[];
  /** Component means, one row per segment (Gaussian mixtures). */
  readonly means?: readonly (readonly number[])[];
  /** The training rows' segments, when the model keeps them. */
  readonly labels?: ArrayLike<number>;
  /** Segments of new rows, used when `labels` is absent. */
  predict?(X: MatrixLike): ArrayLike<number>;
}

/** Options of {@link explainSegments}. */
export interface ExplainSegmentsOptions {
  /** Leaves of the tree: k (one per segment, IMM; the default) or more (ExKMC expansion; better fidelity). */
  readonly maxLeaves?: number;
  /** Names of X's columns (default: the pipeline's feature names, or `x0`, `x1`, …). */
  readonly featureNames?: readonly string[];
  /** The fitted pipeline that made X: rules are then written in its input columns and units. */
  readonly pipeline?: FittedFeaturePipeline;
}

/** One segment's explanation: the rules (one per leaf, any of which puts a customer in the segment). */
export interface SegmentRule {
  /** The segment (label). */
  readonly segment: number;
  /** One rule per leaf of the segment, e.g. `recency ≤ 41 and monetary > 1,250`. */
  readonly rules: readonly string[];
  /** The conditions of each rule, in the same order. */
  readonly conditions: readonly (readonly string[])[];
  /** Rows the tree puts in the segment. */
  readonly size: number;
}

/**
 * A threshold as rules print it: thousands separators and at most 4 significant digits, the same on every runtime
 * (no locale data).
 *
 * @example
 * [formatRuleNumber(1250.4), formatRuleNumber(0.012345), formatRuleNumber(-1234567)]; // => ['1,250', '0.01235', '-1,235,000']
 */
export function formatRuleNumber(value: number): string {
  if (typeof value !== 'number') throw new SegmentkitError('E_PARAM', `formatRuleNumber: pass a number, got ${describeValue(value)}`);
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(4));
  const [whole, fraction] = Math.abs(rounded).toString().split('.') as [string, string | undefined];
  if (whole.includes('e')) return rounded.toString();
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * An axis-aligned threshold tree that reproduces a segmentation (see {@link explainSegments}): rules per
 * segment, the tree's own `predict`, its `fidelity` to the model, and for centre-based models the price of
 * explainability `costRatio`.
 *
 * @example
 * const e = explainSegments([[0], [1], [10], [11]], [0, 0, 1, 1]);
 * [e instanceof SegmentExplanation, e.nLeaves]; // => [true, 2]
 */
export class SegmentExplanation extends Displayable {
  /** One entry per segment, by label. */
  readonly segments: readonly SegmentRule[];
  /** Share of the rows whose leaf's segment equals the model's label. */
  readonly fidelity: number;
  /**
   * k-means cost of the tree's partition (each segment's rows about their mean) over the model's cost (each row
   * to its own segment's centre); ≥ 1 for k-means centres, the price of explainability. `null` without a model.
   */
  readonly costRatio: number | null;
  /** Leaves of the tree. */
  readonly nLeaves: number;
  /** The tree (node 0 is the root; `x[feature] ≤ threshold` goes left). */
  readonly nodes: readonly ThresholdNode[];
  readonly #nFeatures: number;

  /** @internal Use {@link explainSegments}. */
  constructor(fields: { segments: SegmentRule[]; fidelity: number; costRatio: number | null; nodes: ThresholdNode[]; nFeatures: number }) {
    super();
    this.segments = Object.freeze(fields.segments);
    this.fidelity = fields.fidelity;
    this.costRatio = fields.costRatio;
    this.nodes = Object.freeze(fields.nodes.map((node) => Object.freeze({ ...node })));
    this.nLeaves = fields.nodes.filter((node) => node.kind === 'leaf').length;
    this.#nFeatures = fields.nFeatures;
    Object.freeze(this);
  }

  /**
   * The segment the tree gives each row (X in the same features as the model).
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for the wrong number of columns, `E_NOT_FINITE`.
   * @example
   * const X = [[0, 0], [0, 1], [10, 0], [10, 1]];
   * explainSegments(X, [0, 0, 1, 1]).predict([[9, 5], [1, 5]]); // => Int32Array [1, 0]
   */
  predict(X: MatrixLike): Int32Array {
    const m = toMatrix(X, 'SegmentExplanation.predict');
    if (m.cols !== this.#nFeatures) {
      throw new SegmentkitError(
        'E_SHAPE',
        `SegmentExplanation.predict: X has ${m.cols} columns but the tree was built on ${this.#nFeatures}`,
      );
    }
    const leaves = routeRows(this.nodes, m);
    return Int32Array.from(leaves, (leaf) => (this.nodes[leaf] as { segment: number }).segment);
  }

  /** @internal */
  protected summaryLine(): string {
    return `SegmentExplanation { ${this.segments.length} segments, ${this.nLeaves} leaves, fidelity ${formatNumber(this.fidelity, 4)}${this.costRatio === null ? '' : `, cost ratio ${formatNumber(this.costRatio, 4)}`} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'SegmentExplanation',
      [
        ['leaves', String(this.nLeaves)],
        ['fidelity', formatNumber(this.fidelity, 4)],
        ['cost ratio', this.costRatio === null ? '—' : formatNumber(this.costRatio, 4)],
      ],
      {
        header: ['segment', 'rows', 'rule'],
        rows: this.segments.flatMap((s) => s.rules.map((r, i) => [i === 0 ? String(s.segment) : '', i === 0 ? String(s.size) : '', r])),
      },
    );
  }
}

/** Turn a cut on feature j at t into words in the pipeline's units, or as is. */
function conditionWriter(
  names: readonly string[],
  pipeline: FittedFeaturePipeline | undefined,
): (j: number, op: '≤' | '>', t: number) => string {
  if (pipeline === undefined) return (j, op, t) => `${names[j]} ${op} ${formatRuleNumber(t)}`;
  const width = pipeline.featureNames.length;
  const base = pipeline.inverseTransformRow(new Float64Array(width));
  return (j, op, t) => {
    const name = pipeline.featureNames[j]!;
    const row = new Float64Array(width);
    row[j] = t;
    const out = pipeline.inverseTransformRow(row);
    if (Object.hasOwn(out, name) && typeof out[name] === 'number') return `${name} ${op} ${formatRuleNumber(out[name] as number)}`;
    // a one-hot column `${column}_${category}`: x ≤ ½ means "not that category"
    const column = Object.keys(base).find((key) => name.startsWith(`${key}_`));
    if (column !== undefined && t > 0 && t < 1) {
      const category = name.slice(column.length + 1);
      return op === '≤' ? `${column} ≠ ${category}` : `${column} = ${category}`;
    }
    return `${name} ${op} ${formatRuleNumber(t)}`;
  };
}

/**
 * Explain a segmentation with the fewest axis-aligned cuts: a threshold tree built by IMM (Dasgupta, Frost,
 * Moshkovitz, Rashtchian, ICML 2020) with one leaf per segment, expanded ExKMC-style up to `maxLeaves`. Each
 * segment gets rules ("recency ≤ 41 and monetary > 1,250"), in original units when the `pipeline` that made X is
 * given. Works from labels (centres = segment means) or from a centre-based model (k-means centroids, mixture
 * means), whose own labels are the ones explained.
 *
 * @param X - the rows the segmentation was made on (the model's features)
 * @param labelsOrModel - one label 0 … k−1 per row, or a model with `centroids` or `means`
 * @throws {@link SegmentkitError} `E_SHAPE` (labels or centres that do not fit X), `E_PARSE` (labels that are not
 *   whole numbers ≥ 0), `E_PARAM` (maxLeaves below the number of segments, unknown options), `E_NOT_FINITE`.
 * @example
 * const X = [[1, 5], [2, 6], [1, 7], [9, 5], [8, 6], [9, 7]];
 * const e = explainSegments(X, [0, 0, 0, 1, 1, 1], { featureNames: ['spend', 'visits'] });
 * [e.segments[0].rules, e.segments[1].rules, e.fidelity]; // => [['spend ≤ 5'], ['spend > 5'], 1]
 */
export function explainSegments(
  X: MatrixLike,
  labelsOrModel: ArrayLike<number> | CentredModel,
  options: ExplainSegmentsOptions = {},
): SegmentExplanation {
  const context = 'explainSegments';
  assertKnownOptions(context, options, ['maxLeaves', 'featureNames', 'pipeline']);
  checkExplainOptions(context, options);
  const m: Matrix = toMatrix(X, context);
  const { rows: n, cols: d } = m;
  let labels: Int32Array;
  let centers: Float64Array;
  let k: number;
  let fromModel = false;
  const model = labelsOrModel as CentredModel;
  const modelCenters = model !== null && typeof model === 'object' && !('length' in model) ? (model.centroids ?? model.means) : undefined;
  if (modelCenters !== undefined) {
    fromModel = true;
    k = modelCenters.length;
    if (k === 0 || modelCenters.some((row) => row.length !== d)) {
      throw new SegmentkitError('E_SHAPE', `${context}: the model's centres have ${modelCenters[0]?.length ?? 0} features but X has ${d}`);
    }
    centers = Float64Array.from(modelCenters.flat());
    const given = model.labels !== undefined && model.labels.length === n ? model.labels : model.predict?.(m);
    if (given === undefined || given.length !== n)
      throw new SegmentkitError('E_SHAPE', `${context}: the model has no labels for these ${n} rows and no predict`);
    labels = Int32Array.from(given);
  } else {
    const given = labelsOrModel as ArrayLike<number>;
    if (given === null || typeof given !== 'object' || typeof given.length !== 'number') {
      throw new SegmentkitError('E_PARAM', `${context}: pass labels (one whole number per row) or a model with centroids or means`);
    }
    if (given.length !== n) throw new SegmentkitError('E_SHAPE', `${context}: ${given.length} labels for ${n} rows`);
    labels = new Int32Array(n);
    k = 0;
    for (let i = 0; i < n; i++) {
      const label = given[i];
      if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > 100_000) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: labels[${i}] is ${describeValue(label)}; labels are whole numbers 0 … k−1 (drop noise rows, label −1, first)`,
        );
      }
      labels[i] = label;
      if (label + 1 > k) k = label + 1;
    }
    centers = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]!]!++;
      for (let j = 0; j < d; j++) centers[labels[i]! * d + j]! += m.data[i * d + j]!;
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centers[c * d + j] = counts[c]! > 0 ? centers[c * d + j]! / counts[c]! : 0;
  }
  for (let i = 0; i < n; i++) {
    if (labels[i]! < 0 || labels[i]! >= k)
      throw new SegmentkitError('E_PARSE', `${context}: labels[${i}] is ${labels[i]} but there are ${k} centres`);
  }
  const maxLeaves = requireInteger(context, 'maxLeaves', options.maxLeaves ?? k, { min: k, max: Math.max(k, 10_000) });
  const names = options.featureNames ?? options.pipeline?.featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
  if (names.length !== d) throw new SegmentkitError('E_SHAPE', `${context}: featureNames has ${names.length} names for ${d} columns`);

  const nodes = buildIMM(m, labels, centers, k);
  if (maxLeaves > k) expandTree(nodes, m, centers, k, maxLeaves);
  const leaves = routeRows(nodes, m);
  const treeLabels = Int32Array.from(leaves, (leaf) => (nodes[leaf] as { segment: number }).segment);
  let agree = 0;
  for (let i = 0; i < n; i++) if (treeLabels[i] === labels[i]) agree++;
  let costRatio: number | null = null;
  if (fromModel) {
    // the ratio does not change with the scale: compute it on data brought near 1 when it is extreme
    const e = rescaleExponent(Math.max(largestMagnitude(m.data), largestMagnitude(centers)));
    const scaled: Matrix = e === 0 ? m : { rows: m.rows, cols: m.cols, data: scaleDown(m.data, e) };
    const means = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[treeLabels[i]!]!++;
      for (let j = 0; j < d; j++) means[treeLabels[i]! * d + j]! += scaled.data[i * d + j]!;
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] = counts[c]! > 0 ? means[c * d + j]! / counts[c]! : 0;
    const modelCost = costWithCenters(scaled, labels, scaleDown(centers, e));
    costRatio = modelCost > 0 ? costWithCenters(scaled, treeLabels, means) / modelCost : 1;
  }
  const write = conditionWriter(names, options.pipeline);
  const rulesBySegment = Array.from({ length: k }, () => ({ rules: [] as string[], conditions: [] as string[][] }));
  const walk = (node: number, lower: Map<number, number>, upper: Map<number, number>): void => {
    const current = nodes[node]!;
    if (current.kind === 'leaf') {
      const features = [...new Set([...lower.keys(), ...upper.keys()])].sort((a, b) => a - b);
      const conditions = features.flatMap((j) => {
        const parts: string[] = [];
        if (lower.has(j)) parts.push(write(j, '>', lower.get(j)!));
        if (upper.has(j)) parts.push(write(j, '≤', upper.get(j)!));
        return parts;
      });
      const entry = rulesBySegment[current.segment]!;
      entry.conditions.push(conditions);
      entry.rules.push(conditions.length === 0 ? 'all customers' : conditions.join(' and '));
      return;
    }
    const up = new Map(upper);
    up.set(current.feature, Math.min(upper.get(current.feature) ?? Number.POSITIVE_INFINITY, current.threshold));
    walk(current.left, lower, up);
    const low = new Map(lower);
    low.set(current.feature, Math.max(lower.get(current.feature) ?? Number.NEGATIVE_INFINITY, current.threshold));
    walk(current.right, low, upper);
  };
  walk(0, new Map(), new Map());
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[treeLabels[i]!]!++;
  return new SegmentExplanation({
    segments: rulesBySegment.map((entry, segment) => ({
      segment,
      rules: entry.rules,
      conditions: entry.conditions,
      size: sizes[segment]!,
    })),
    fidelity: agree / n,
    costRatio,
    nodes,
    nFeatures: d,
  });
}

/** @internal Check the featureNames, columns and pipeline options of explainSegments and profileSegments. */
export function checkExplainOptions(
  context: string,
  options: { readonly featureNames?: unknown; readonly columns?: unknown; readonly pipeline?: unknown },
): void {
  for (const name of ['featureNames', 'columns'] as const) {
    const value = options[name];
    if (value !== undefined && (!Array.isArray(value) || !value.every((v) => typeof v === 'string')))
      throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an array of strings, got ${describeValue(value)}`);
  }
  const pipeline = options.pipeline as { featureNames?: unknown; inverseTransformRow?: unknown } | null | undefined;
  if (
    pipeline !== undefined &&
    (pipeline === null ||
      typeof pipeline !== 'object' ||
      !Array.isArray(pipeline.featureNames) ||
      typeof pipeline.inverseTransformRow !== 'function')
  )
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: pipeline must be the fitted pipeline that made X (featurePipeline(…).fit(…)), got ${describeValue(pipeline)}`,
    );
}
