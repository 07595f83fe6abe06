import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';

/** A cluster label: any integer (−1 included) or any string. */
export type Label = number | string;

/** A labelling: one {@link Label} per row (an array, or a typed array of integers). */
export type LabelsLike = ArrayLike<number> | ArrayLike<string> | ArrayLike<Label>;

/** How the clustering metrics treat rows labelled −1. */
export type NoiseHandling = 'include' | 'exclude';

/**
 * @internal
 * A labelling as dense integer codes: `codes[i]` indexes `classes`, which holds the distinct labels sorted
 * (numbers ascending, then strings in code-unit order, as NumPy's `unique` orders each kind).
 */
export interface EncodedLabels {
  readonly codes: Int32Array;
  readonly classes: Label[];
  /** Rows per class. */
  readonly counts: Float64Array;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined (a hole or missing label)';
  if (value === null) return 'null';
  return `a value of type ${typeof value}`;
}

/**
 * @internal
 * Check that `labels` is an array-like of integers or strings with `expected` entries (when given).
 * @throws {@link SegmentkitError} `E_SHAPE` (not an array-like, wrong length), `E_LABELS` (a label that is neither
 *   an integer nor a string).
 */
export function checkLabels(labels: unknown, context: string, name: string, expected?: number): ArrayLike<Label> {
  if (
    labels === null ||
    typeof labels !== 'object' ||
    typeof (labels as { length?: unknown }).length !== 'number' ||
    (ArrayBuffer.isView(labels) && labels instanceof DataView)
  ) {
    throw new SegmentkitError('E_SHAPE', `${context}: ${name} must be an array of labels (integers or strings), got ${describe(labels)}`);
  }
  const list = labels as ArrayLike<Label>;
  if (expected !== undefined && list.length !== expected) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${name} has ${list.length} entries but there are ${expected} rows; pass one label per row`,
    );
  }
  return list;
}

function badLabel(context: string, name: string, i: number, value: unknown): SegmentkitError {
  const fix =
    typeof value === 'number' && Number.isFinite(value)
      ? 'labels must be integers or strings (round them, or map them to strings)'
      : 'every row needs a label (an integer or a string)';
  return new SegmentkitError('E_LABELS', `${context}: ${name}[${i}] is ${describe(value)}; ${fix}`);
}

/**
 * @internal
 * Encode a labelling as dense codes 0 … m − 1 in sorted label order. Integer labels in a range not much wider than
 * the row count are counted directly (linear time); anything else goes through a map and a sort of the distinct
 * labels.
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS` (see {@link checkLabels}).
 */
export function encodeLabels(labels: unknown, context: string, name = 'labels', expected?: number): EncodedLabels {
  const list = checkLabels(labels, context, name, expected);
  const n = list.length;
  let min = Infinity;
  let max = -Infinity;
  let allIntegers = true;
  for (let i = 0; i < n; i++) {
    const v = list[i];
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw badLabel(context, name, i, v);
      if (v < min) min = v;
      if (v > max) max = v;
    } else if (typeof v === 'string') allIntegers = false;
    else throw badLabel(context, name, i, v);
  }
  const codes = new Int32Array(n);
  if (allIntegers && n > 0 && max - min <= 2 * n + 1024) {
    const width = max - min + 1;
    const slot = new Int32Array(width);
    for (let i = 0; i < n; i++) slot[(list[i] as number) - min]! += 1;
    const classes: Label[] = [];
    const counts: number[] = [];
    for (let v = 0; v < width; v++) {
      const count = slot[v]!;
      if (count > 0) {
        slot[v] = classes.length;
        classes.push(v + min);
        counts.push(count);
      }
    }
    for (let i = 0; i < n; i++) codes[i] = slot[(list[i] as number) - min]!;
    return { codes, classes, counts: Float64Array.from(counts) };
  }
  const seen = new Map<Label, number>();
  const firstCodes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = list[i]!;
    let code = seen.get(v);
    if (code === undefined) {
      code = seen.size;
      seen.set(v, code);
    }
    firstCodes[i] = code;
  }
  const distinct = [...seen.keys()];
  const order = distinct.map((_, c) => c).sort((x, y) => compareLabels(distinct[x]!, distinct[y]!));
  const remap = new Int32Array(distinct.length);
  order.forEach((c, rank) => (remap[c] = rank));
  const counts = new Float64Array(distinct.length);
  for (let i = 0; i < n; i++) {
    const code = remap[firstCodes[i]!]!;
    codes[i] = code;
    counts[code]! += 1;
  }
  return { codes, classes: order.map((c) => distinct[c]!), counts };
}

/** @internal Sort order of labels: numbers ascending, then strings by UTF-16 code units. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @internal Whether a label is the noise label −1 (the number; the string '-1' is an ordinary label). */
export function isNoise(label: Label): boolean {
  return label === -1;
}

/** @internal Read and check the `noise` option. */
export function readNoise(context: string, noise: unknown): NoiseHandling {
  if (noise === undefined || noise === 'include' || noise === 'exclude') return noise ?? 'include';
  throw new SegmentkitError(
    'E_PARAM',
    `${context}: noise must be 'include' (−1 is an ordinary label, the default) or 'exclude' (rows labelled −1 are left out), got ${describeValue(noise)}`,
  );
}
