import { portableLog } from '../../core/portableMath';
import type { Matrix } from '../../core/Matrix';
import { sortFloat64WithPayload } from '../../core/sortFloat64';
import type { TreeCriterion } from './decisionTreeParams';

/** @internal scikit-learn's tolerances: values closer than this are not split between; impurities below EPSILON are pure. */
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;
const LN2 = 0.6931471805599453;

/** A fitted tree in scikit-learn's array layout (nodes in depth-first order, left child first). */
export interface TreeArrays {
  /** Left child index per node (−1 for leaves). */
  readonly left: Int32Array;
  /** Right child index per node (−1 for leaves). */
  readonly right: Int32Array;
  /** Split feature per node (−2 for leaves, as scikit-learn). */
  readonly feature: Int32Array;
  /** Split threshold per node (rows with x ≤ threshold go left). */
  readonly threshold: Float64Array;
  /** Impurity of each node. */
  readonly impurity: Float64Array;
  /** Training rows reaching each node. */
  readonly nSamples: Int32Array;
  /** Their total weight. */
  readonly weightedNSamples: Float64Array;
  /** Weighted class counts per node (nodes × classes). */
  readonly value: Float64Array;
}

/** @internal What the builder needs. */
export interface BuildOptions {
  readonly criterion: TreeCriterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
}

function impurityOf(counts: Float64Array, offset: number, k: number, total: number, criterion: TreeCriterion): number {
  if (criterion === 'gini') {
    let squares = 0;
    for (let c = 0; c < k; c++) squares += counts[offset + c]! * counts[offset + c]!;
    return 1 - squares / (total * total);
  }
  let entropy = 0;
  for (let c = 0; c < k; c++) {
    const share = counts[offset + c]! / total;
    // log base 2 through the portable logarithm's identity log₂ x = ln x / ln 2 (as scikit-learn's _utils.log)
    if (share > 0) entropy -= share * (portableLog(share) / LN2);
  }
  return entropy;
}

/**
 * @internal
 * CART as scikit-learn 1.2's DepthFirstTreeBuilder with the BestSplitter: at each node the features are drawn
 * in the splitter's random order (its `features` array, its bookkeeping of features known to be constant, and its
 * generator, so ties between equally good splits go the same way); for each, every position between two sorted values more than 1e-7 apart is a
 * candidate, scored by the proxy −(w_R · impurity_R) − (w_L · impurity_L); the first strictly best wins; the
 * threshold is x₍ₚ₋₁₎/2 + x₍ₚ₎/2. Rows stay presorted per feature (one argsort per feature up front, a stable
 * partition per split), so a level costs O(n · d · classes) instead of a sort per node and feature.
 */
export function buildTree(
  X: Matrix,
  y: Int32Array,
  k: number,
  weights: Float64Array,
  options: BuildOptions,
  rng: { integer(low: number, high: number): number },
): TreeArrays {
  const { rows: n, cols: d, data } = X;
  // sorted[j · n + p]: the p-th row of feature j, ordered by value (ties by row) within each node's range
  const sorted = new Int32Array(n * d);
  const column = new Float64Array(n);
  const rowIndex = Int32Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = data[i * d + j]!;
    // a stable radix argsort: ties keep row order
    sorted.set(sortFloat64WithPayload(column, rowIndex).payload, j * n);
  }
  const left: number[] = [];
  const right: number[] = [];
  const feature: number[] = [];
  const threshold: number[] = [];
  const impurity: number[] = [];
  const nSamples: number[] = [];
  const weightedNSamples: number[] = [];
  const value: number[] = [];
  let weightedTotal = 0;
  for (let i = 0; i < n; i++) weightedTotal += weights[i]!;

  const totals = new Float64Array(k);
  const leftCounts = new Float64Array(k);
  const goesLeft = new Uint8Array(n);
  const scratch = new Int32Array(n);
  // the splitter's feature array and its constants, kept across nodes as scikit-learn keeps them
  const features = Int32Array.from({ length: d }, (_, j) => j);
  const constantFeatures = new Int32Array(d);
  // the stack holds [start, end, depth, parent, isLeft, constants known]; right is pushed first, so left comes next
  const stack: [number, number, number, number, boolean, number][] = [[0, n, 0, -1, false, 0]];
  while (stack.length > 0) {
    const [start, end, depth, parent, isLeft, knownConstants] = stack.pop()!;
    let childConstants = knownConstants;
    const count = end - start;
    totals.fill(0);
    for (let p = start; p < end; p++) {
      const i = sorted[p]!;
      totals[y[i]!]! += weights[i]!;
    }
    let weighted = 0;
    for (let c = 0; c < k; c++) weighted += totals[c]!;
    const nodeImpurity = impurityOf(totals, 0, k, weighted, options.criterion);
    let isLeafNode =
      depth >= options.maxDepth || count < options.minSamplesSplit || count < 2 * options.minSamplesLeaf || nodeImpurity <= EPSILON;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestPosition = end;
    let bestImpurityLeft = 0;
    let bestImpurityRight = 0;
    if (!isLeafNode) {
      let bestProxy = Number.NEGATIVE_INFINITY;
      let fi = d;
      let visited = 0;
      let foundConstants = 0;
      let drawnConstants = 0;
      let totalConstants = knownConstants;
      while (fi > totalConstants && (visited < d || visited <= foundConstants + drawnConstants)) {
        visited++;
        let fj = rng.integer(drawnConstants, fi - foundConstants);
        if (fj < knownConstants) {
          // a feature already known to be constant here: move it aside and draw again
          const t = features[drawnConstants]!;
          features[drawnConstants] = features[fj]!;
          features[fj] = t;
          drawnConstants++;
          continue;
        }
        fj += foundConstants;
        const j = features[fj]!;
        const base = j * n;
        const first = data[sorted[base + start]! * d + j]!;
        const last = data[sorted[base + end - 1]! * d + j]!;
        if (last <= first + FEATURE_THRESHOLD) {
          features[fj] = features[totalConstants]!;
          features[totalConstants] = j;
          foundConstants++;
          totalConstants++;
          continue;
        }
        fi--;
        features[fj] = features[fi]!;
        features[fi] = j;
        leftCounts.fill(0);
        let weightedLeft = 0;
        let p = start;
        while (p < end) {
          // advance over values within FEATURE_THRESHOLD of each other, adding them to the left side
          let v = data[sorted[base + p]! * d + j]!;
          let i = sorted[base + p]!;
          leftCounts[y[i]!]! += weights[i]!;
          weightedLeft += weights[i]!;
          while (p + 1 < end) {
            const next = data[sorted[base + p + 1]! * d + j]!;
            if (!(next <= v + FEATURE_THRESHOLD)) break;
            p++;
            v = next;
            i = sorted[base + p]!;
            leftCounts[y[i]!]! += weights[i]!;
            weightedLeft += weights[i]!;
          }
          p++;
          if (p >= end) break;
          const position = p;
          if (position - start < options.minSamplesLeaf || end - position < options.minSamplesLeaf) continue;
          const weightedRight = weighted - weightedLeft;
          let impurityLeft: number;
          let impurityRight: number;
          if (options.criterion === 'gini') {
            let squaresLeft = 0;
            let squaresRight = 0;
            for (let c = 0; c < k; c++) {
              const l = leftCounts[c]!;
              const r = totals[c]! - l;
              squaresLeft += l * l;
              squaresRight += r * r;
            }
            impurityLeft = 1 - squaresLeft / (weightedLeft * weightedLeft);
            impurityRight = 1 - squaresRight / (weightedRight * weightedRight);
          } else {
            impurityLeft = 0;
            impurityRight = 0;
            for (let c = 0; c < k; c++) {
              const l = leftCounts[c]! / weightedLeft;
              const r = (totals[c]! - leftCounts[c]!) / weightedRight;
              if (l > 0) impurityLeft -= l * (portableLog(l) / LN2);
              if (r > 0) impurityRight -= r * (portableLog(r) / LN2);
            }
          }
          const proxy = -weightedRight * impurityRight - weightedLeft * impurityLeft;
          if (proxy > bestProxy) {
            bestProxy = proxy;
            const below = data[sorted[base + position - 1]! * d + j]!;
            const above = data[sorted[base + position]! * d + j]!;
            let t = below / 2 + above / 2;
            if (t === above || t === Number.POSITIVE_INFINITY || t === Number.NEGATIVE_INFINITY) t = below;
            bestFeature = j;
            bestThreshold = t;
            bestPosition = position;
            bestImpurityLeft = impurityLeft;
            bestImpurityRight = impurityRight;
          }
        }
      }
      // scikit-learn's invariant: the known constants keep their order for siblings and children, and the newly
      // found ones follow them
      for (let c = 0; c < knownConstants; c++) features[c] = constantFeatures[c]!;
      for (let c = knownConstants; c < knownConstants + foundConstants; c++) constantFeatures[c] = features[c]!;
      childConstants = totalConstants;
      if (bestFeature < 0) isLeafNode = true;
      else {
        // scikit-learn's impurity_improvement, in the same order of operations
        const weightedLeftBest = (() => {
          let w = 0;
          const base = bestFeature * n;
          for (let p = start; p < bestPosition; p++) w += weights[sorted[base + p]!]!;
          return w;
        })();
        const weightedRightBest = weighted - weightedLeftBest;
        const improvement =
          (weighted / weightedTotal) *
          (nodeImpurity - (weightedRightBest / weighted) * bestImpurityRight - (weightedLeftBest / weighted) * bestImpurityLeft);
        if (improvement + EPSILON < options.minImpurityDecrease) isLeafNode = true;
      }
    }
    const id = feature.length;
    if (parent >= 0) {
      if (isLeft) left[parent] = id;
      else right[parent] = id;
    }
    left.push(-1);
    right.push(-1);
    feature.push(isLeafNode ? -2 : bestFeature);
    threshold.push(isLeafNode ? -2 : bestThreshold);
    impurity.push(nodeImpurity);
    nSamples.push(count);
    weightedNSamples.push(weighted);
    for (let c = 0; c < k; c++) value.push(totals[c]!);
    if (isLeafNode) continue;
    // stable partition of every feature's range: rows with x ≤ threshold first, order kept on both sides
    const splitBase = bestFeature * n;
    for (let p = start; p < end; p++) {
      const i = sorted[splitBase + p]!;
      goesLeft[i] = data[i * d + bestFeature]! <= bestThreshold ? 1 : 0;
    }
    let middle = start;
    for (let j = 0; j < d; j++) {
      const base = j * n;
      let l = start;
      let r = 0;
      for (let p = start; p < end; p++) {
        const i = sorted[base + p]!;
        if (goesLeft[i] === 1) sorted[base + l++] = i;
        else scratch[r++] = i;
      }
      for (let q = 0; q < r; q++) sorted[base + l + q] = scratch[q]!;
      middle = l;
    }
    stack.push([middle, end, depth + 1, id, false, childConstants]);
    stack.push([start, middle, depth + 1, id, true, childConstants]);
  }
  return {
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    impurity: Float64Array.from(impurity),
    nSamples: Int32Array.from(nSamples),
    weightedNSamples: Float64Array.from(weightedNSamples),
    value: Float64Array.from(value),
  };
}
