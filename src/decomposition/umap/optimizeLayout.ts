import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import type { SparseGraph } from './fuzzySimplicialSet';
import type { UMAPCurve } from './fitCurve';
import { umapPow } from './umapPow';

/** What one epoch reads and updates (the generator's three words are carried from epoch to epoch in `random`). */
interface EpochState {
  readonly head: Float64Array;
  readonly tail: Float64Array;
  readonly edges: LayoutEdges;
  readonly nextSample: Float64Array;
  readonly epochsPerNegative: Float64Array;
  readonly nextNegative: Float64Array;
  readonly a: number;
  readonly b: number;
  readonly attraction: number;
  readonly repulsion: number;
  readonly negative: boolean;
  readonly moveOther: boolean;
  /** head and tail are the same array (a fit). */
  readonly same: boolean;
  /** n / 2³²: a 32-bit draw times this, floored, is a uniform row. */
  readonly scale: number;
  readonly random: Float64Array;
}

/** One epoch in any dimension: umap-learn's `optimize_layout_euclidean_single_epoch`, step for step. */
function anyEpoch(state: EpochState, epoch: number, alpha: number, dim: number): void {
  const { head, tail, nextSample, epochsPerNegative, nextNegative, a, b, attraction, repulsion, negative, moveOther, scale } = state;
  const { head: from, tail: to, epochsPerSample } = state.edges;
  const pow = umapPow;
  const count = epochsPerSample.length;
  let s0 = state.random[0]!;
  let s1 = state.random[1]!;
  let s2 = state.random[2]!;
  for (let e = 0; e < count; e++) {
    if (nextSample[e]! > epoch) continue;
    const jb = from[e]! * dim;
    const kb = to[e]! * dim;
    let d2 = 0;
    for (let t = 0; t < dim; t++) {
      const diff = head[jb + t]! - tail[kb + t]!;
      d2 += diff * diff;
    }
    let coefficient = 0;
    if (d2 > 0) {
      const p = pow(d2, b);
      coefficient = (attraction * (p / d2)) / (a * p + 1);
    }
    for (let t = 0; t < dim; t++) {
      let g = coefficient * (head[jb + t]! - tail[kb + t]!);
      g = g > CLIP ? CLIP : g < -CLIP ? -CLIP : g;
      head[jb + t] = head[jb + t]! + g * alpha;
      if (moveOther) tail[kb + t] = tail[kb + t]! - g * alpha;
    }
    nextSample[e] = nextSample[e]! + epochsPerSample[e]!;
    if (!negative) continue;
    const samples = Math.trunc((epoch - nextNegative[e]!) / epochsPerNegative[e]!);
    for (let s = 0; s < samples; s++) {
      s0 = (((s0 & 4294967294) << 12) ^ (((s0 << 13) ^ s0) >>> 19)) >>> 0;
      s1 = (((s1 & 4294967288) << 4) ^ (((s1 << 2) ^ s1) >>> 25)) >>> 0;
      s2 = (((s2 & 4294967280) << 17) ^ (((s2 << 3) ^ s2) >>> 11)) >>> 0;
      // a uniform row from the 32-bit draw: ⌊u · n / 2³²⌋ (a product and a floor; a double modulo is slow)
      const ob = Math.floor(((s0 ^ s1 ^ s2) >>> 0) * scale) * dim;
      let q2 = 0;
      for (let t = 0; t < dim; t++) {
        const diff = head[jb + t]! - tail[ob + t]!;
        q2 += diff * diff;
      }
      // q2 = 0: the row itself or an identical one, which exerts no force (umap-learn ≥ 0.5)
      if (!(q2 > 0)) continue;
      const push = repulsion / ((0.001 + q2) * (a * pow(q2, b) + 1));
      for (let t = 0; t < dim; t++) {
        let g = push * (head[jb + t]! - tail[ob + t]!);
        g = g > CLIP ? CLIP : g < -CLIP ? -CLIP : g;
        head[jb + t] = head[jb + t]! + g * alpha;
      }
    }
    if (samples > 0) nextNegative[e] = nextNegative[e]! + samples * epochsPerNegative[e]!;
  }
  state.random[0] = s0;
  state.random[1] = s1;
  state.random[2] = s2;
}

/**
 * One epoch in two dimensions, the same arithmetic as {@link anyEpoch} in the same order (the same bits), with the
 * moving row held in locals between its updates; in a fit a negative sample of the row itself is skipped
 * explicitly (its stored position is stale while it is held), as its zero distance skips it in {@link anyEpoch}.
 */
function planarEpoch(state: EpochState, epoch: number, alpha: number): void {
  const { head, tail, nextSample, epochsPerNegative, nextNegative, a, b, attraction, repulsion, negative, moveOther, same, scale } = state;
  const { head: from, tail: to, epochsPerSample } = state.edges;
  const pow = umapPow;
  const count = epochsPerSample.length;
  let s0 = state.random[0]!;
  let s1 = state.random[1]!;
  let s2 = state.random[2]!;
  for (let e = 0; e < count; e++) {
    if (nextSample[e]! > epoch) continue;
    const j = from[e]!;
    const jb = 2 * j;
    const kb = 2 * to[e]!;
    let cx = head[jb]!;
    let cy = head[jb + 1]!;
    const ox = tail[kb]!;
    const oy = tail[kb + 1]!;
    const dx = cx - ox;
    const dy = cy - oy;
    const d2 = dx * dx + dy * dy;
    let coefficient = 0;
    if (d2 > 0) {
      const p = pow(d2, b);
      coefficient = (attraction * (p / d2)) / (a * p + 1);
    }
    let gx = coefficient * dx;
    gx = gx > CLIP ? CLIP : gx < -CLIP ? -CLIP : gx;
    let gy = coefficient * dy;
    gy = gy > CLIP ? CLIP : gy < -CLIP ? -CLIP : gy;
    cx += gx * alpha;
    cy += gy * alpha;
    if (moveOther) {
      tail[kb] = ox - gx * alpha;
      tail[kb + 1] = oy - gy * alpha;
    }
    nextSample[e] = nextSample[e]! + epochsPerSample[e]!;
    if (negative) {
      const samples = Math.trunc((epoch - nextNegative[e]!) / epochsPerNegative[e]!);
      for (let s = 0; s < samples; s++) {
        s0 = (((s0 & 4294967294) << 12) ^ (((s0 << 13) ^ s0) >>> 19)) >>> 0;
        s1 = (((s1 & 4294967288) << 4) ^ (((s1 << 2) ^ s1) >>> 25)) >>> 0;
        s2 = (((s2 & 4294967280) << 17) ^ (((s2 << 3) ^ s2) >>> 11)) >>> 0;
        const k = Math.floor(((s0 ^ s1 ^ s2) >>> 0) * scale);
        if (same && k === j) continue;
        const qx = cx - tail[2 * k]!;
        const qy = cy - tail[2 * k + 1]!;
        const q2 = qx * qx + qy * qy;
        if (!(q2 > 0)) continue;
        const push = repulsion / ((0.001 + q2) * (a * pow(q2, b) + 1));
        let hx = push * qx;
        hx = hx > CLIP ? CLIP : hx < -CLIP ? -CLIP : hx;
        let hy = push * qy;
        hy = hy > CLIP ? CLIP : hy < -CLIP ? -CLIP : hy;
        cx += hx * alpha;
        cy += hy * alpha;
      }
      if (samples > 0) nextNegative[e] = nextNegative[e]! + samples * epochsPerNegative[e]!;
    }
    head[jb] = cx;
    head[jb + 1] = cy;
  }
  state.random[0] = s0;
  state.random[1] = s1;
  state.random[2] = s2;
}

/** A gradient component is clipped to ±4 (umap-learn's `clip`). */
const CLIP = 4;

/** @internal The edges the layout samples: one per stored entry of the graph, in row-major order. */
export interface LayoutEdges {
  /** The row each edge moves (umap-learn's `head`). */
  readonly head: Int32Array;
  /** The row it is pulled towards (`tail`). */
  readonly tail: Int32Array;
  /** Epochs between two samples of the edge: max weight / weight (umap-learn's `make_epochs_per_sample`). */
  readonly epochsPerSample: Float64Array;
}

/**
 * @internal
 * umap-learn's pruning before the layout: entries below (largest weight) / nEpochs would be sampled less than
 * once, so they are dropped. The graph keeps its shape.
 */
export function pruneGraph(graph: SparseGraph, nEpochs: number): SparseGraph {
  const { n, m, rowStart, columns, values } = graph;
  let largest = 0;
  for (let e = 0; e < values.length; e++) if (values[e]! > largest) largest = values[e]!;
  const threshold = largest / nEpochs;
  const start = new Int32Array(n + 1);
  const keptColumns = new Int32Array(values.length);
  const keptValues = new Float64Array(values.length);
  let size = 0;
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      if (values[e]! < threshold) continue;
      keptColumns[size] = columns[e]!;
      keptValues[size++] = values[e]!;
    }
    start[i + 1] = size;
  }
  return { n, m, rowStart: start, columns: keptColumns.slice(0, size), values: keptValues.slice(0, size) };
}

/** @internal The edges of a (pruned) graph and how often each is sampled. */
export function layoutEdges(graph: SparseGraph, nEpochs: number): LayoutEdges {
  const { n, rowStart, columns, values } = graph;
  const count = values.length;
  const head = new Int32Array(count);
  const tail = new Int32Array(count);
  const epochsPerSample = new Float64Array(count).fill(-1);
  let largest = 0;
  for (let e = 0; e < count; e++) if (values[e]! > largest) largest = values[e]!;
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      head[e] = i;
      tail[e] = columns[e]!;
      const samples = nEpochs * (values[e]! / largest);
      if (samples > 0) epochsPerSample[e] = nEpochs / samples;
    }
  }
  return { head, tail, epochsPerSample };
}

/** @internal The settings of {@link optimizeLayout}. */
export interface LayoutSettings {
  /** Embedding dimensions. */
  readonly dim: number;
  /** The curve's a and b. */
  readonly curve: UMAPCurve;
  /** Repulsion weight γ. */
  readonly gamma: number;
  /** Initial learning rate (it decays linearly). */
  readonly initialAlpha: number;
  /** Negative samples per positive sample. */
  readonly negativeSampleRate: number;
  /** Epochs. */
  readonly nEpochs: number;
  /** Whether the tail moves too (fit: yes; transform: the training embedding stays fixed). */
  readonly moveOther: boolean;
}

/**
 * @internal
 * umap-learn's `optimize_layout_euclidean`: stochastic gradient descent on the cross-entropy between the graph
 * and the embedding's memberships 1 / (1 + a d^(2b)). Each epoch every edge whose turn has come pulls its ends
 * together (coefficient −2ab d^(2(b−1)) / (1 + a d^(2b))) and pushes its head away from a few rows drawn at
 * random (2γb / ((0.001 + d²)(1 + a d^(2b)))); each gradient component is clipped to ±4 and scaled by the
 * learning rate, which falls linearly over the epochs. The edges are visited in order on one thread; the
 * negative samples come from L'Ecuyer's taus88 generator (umap-learn's `tau_rand_int`: shifts and xors of three
 * 32-bit words, kept in local variables so the loop stays fast) started from `seeds`, which the caller draws from
 * segmentkit's seeded generator; the powers come from {@link umapPow}: the same bits on every engine.
 * `head` is updated in place (and `tail` with `moveOther`; in a fit they are the same array).
 */
export function optimizeLayout(
  head: Float64Array,
  tail: Float64Array,
  nVertices: number,
  edges: LayoutEdges,
  settings: LayoutSettings,
  seeds: readonly [number, number, number],
  context: string,
  signal: AbortSignalLike | undefined,
  onEpoch: ((done: number, total: number) => void) | undefined,
): void {
  const { dim, gamma, initialAlpha, negativeSampleRate, nEpochs, moveOther } = settings;
  const { a, b } = settings.curve;
  const { epochsPerSample } = edges;
  const count = epochsPerSample.length;
  const epochsPerNegative = new Float64Array(count);
  const nextNegative = new Float64Array(count);
  const nextSample = Float64Array.from(epochsPerSample);
  if (negativeSampleRate > 0) {
    for (let e = 0; e < count; e++) epochsPerNegative[e] = epochsPerSample[e]! / negativeSampleRate;
    nextNegative.set(epochsPerNegative);
  }
  const state: EpochState = {
    head,
    tail,
    edges,
    nextSample,
    epochsPerNegative,
    nextNegative,
    a,
    b,
    attraction: -2 * a * b,
    repulsion: 2 * gamma * b,
    negative: negativeSampleRate > 0,
    moveOther,
    same: head === tail,
    scale: nVertices * 2.3283064365386963e-10,
    // taus88 needs its words above 1, 7 and 15
    random: Float64Array.of(
      seeds[0] >>> 0 < 2 ? (seeds[0] >>> 0) + 2 : seeds[0] >>> 0,
      seeds[1] >>> 0 < 8 ? (seeds[1] >>> 0) + 8 : seeds[1] >>> 0,
      seeds[2] >>> 0 < 16 ? (seeds[2] >>> 0) + 16 : seeds[2] >>> 0,
    ),
  };
  const run = dim === 2 ? planarEpoch : anyEpoch;
  let alpha = initialAlpha;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    throwIfAborted(signal, context);
    run(state, epoch, alpha, dim);
    alpha = initialAlpha * (1 - epoch / nEpochs);
    onEpoch?.(epoch + 1, nEpochs);
  }
}
