import { describeValue } from '../core/describeValue';
import { plotTransitions } from '../charts/plotTransitions';
import { formatNumber, htmlSummary } from '../core/display';
import { Displayable } from '../core/Displayable';
import { SegmentkitError } from '../core/SegmentkitError';
import type { SegmentId } from './profileTypes';

/** Customer → segment for one period: a Map, an object, or `[customerId, segment]` pairs. */
export type SegmentAssignment =
  | ReadonlyMap<string | number, SegmentId>
  | Readonly<Record<string, SegmentId>>
  | Iterable<readonly [string | number, SegmentId]>;

function readAssignment(value: SegmentAssignment, context: string, name: string): Map<string | number, SegmentId> {
  if (value === null || typeof value !== 'object') {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must map customer ids to segments (a Map, an object, or [id, segment] pairs)`,
    );
  }
  const entries: Iterable<readonly [string | number, SegmentId]> =
    value instanceof Map || Symbol.iterator in value ? (value as Iterable<readonly [string | number, SegmentId]>) : Object.entries(value);
  const out = new Map<string | number, SegmentId>();
  let index = 0;
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2)
      throw new SegmentkitError('E_PARSE', `${context}: ${name} entry ${index} is not an [id, segment] pair`);
    const [id, segment] = entry as [unknown, unknown];
    if (!(typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: ${name} entry ${index} has customer id ${describeValue(id)}; ids are strings or numbers`,
      );
    }
    if (!(typeof segment === 'string' || (typeof segment === 'number' && Number.isFinite(segment)))) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: ${name}: customer ${JSON.stringify(id)} has segment ${String(segment)}; segments are numbers or names`,
      );
    }
    if (out.has(id))
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: ${name} lists customer ${JSON.stringify(id)} twice; give each customer one segment`,
      );
    out.set(id, segment);
    index++;
  }
  return out;
}

function compareSegments(a: SegmentId, b: SegmentId): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Customers who appear in only one of the two periods. */
export interface CustomerFlow {
  /** How many in all. */
  readonly total: number;
  /** How many per segment, in the order of {@link SegmentTransitions.segments}. */
  readonly perSegment: readonly number[];
}

/**
 * Who moved where between two periods (see {@link segmentTransitions}). `counts[i][j]` customers were in
 * `segments[i]` before and `segments[j]` after; `shares` is each row divided by its total (where row i's
 * customers went). Customers in only one period are counted as new or lost, not in the matrix.
 *
 * @example
 * segmentTransitions({ a: 1, b: 2 }, { a: 2, b: 2 }) instanceof SegmentTransitions; // => true
 */
export class SegmentTransitions extends Displayable {
  /** Every segment of either period, sorted (numbers, then names). */
  readonly segments: readonly SegmentId[];
  /** from × to counts over the customers present in both periods. */
  readonly counts: readonly (readonly number[])[];
  /** Row shares of `counts` (0 for a segment nobody left from). */
  readonly shares: readonly (readonly number[])[];
  /** Customers only in the later period, per segment they joined (same order as `segments`), and in all. */
  readonly newCustomers: CustomerFlow;
  /** Customers only in the earlier period, per segment they left, and in all. */
  readonly lostCustomers: CustomerFlow;
  /** Share of the customers present in both periods who stayed in their segment. */
  readonly stayed: number;
  /** Customers present in both periods. */
  readonly retained: number;

  /** @internal Use {@link segmentTransitions}. */
  constructor(fields: {
    segments: SegmentId[];
    counts: number[][];
    newCustomers: { total: number; perSegment: number[] };
    lostCustomers: { total: number; perSegment: number[] };
  }) {
    super();
    this.segments = Object.freeze(fields.segments);
    this.counts = Object.freeze(fields.counts.map((row) => Object.freeze(row)));
    this.shares = Object.freeze(
      fields.counts.map((row) => {
        const total = row.reduce((a, b) => a + b, 0);
        return Object.freeze(row.map((c) => (total > 0 ? c / total : 0)));
      }),
    );
    this.newCustomers = Object.freeze({ total: fields.newCustomers.total, perSegment: Object.freeze(fields.newCustomers.perSegment) });
    this.lostCustomers = Object.freeze({ total: fields.lostCustomers.total, perSegment: Object.freeze(fields.lostCustomers.perSegment) });
    let diagonal = 0;
    let retained = 0;
    fields.counts.forEach((row, i) =>
      row.forEach((c, j) => {
        retained += c;
        if (i === j) diagonal += c;
      }),
    );
    this.retained = retained;
    this.stayed = retained > 0 ? diagonal / retained : 0;
    Object.freeze(this);
  }

  /**
   * Segment shares `steps` periods ahead if customers keep moving as they did (a Markov chain on `shares`,
   * started from the later period's shares of the retained customers). Segments nobody was in before keep
   * their customers. Returns one share per segment, in `segments` order.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for `steps` that is not a whole number ≥ 0.
   * @example
   * const t = segmentTransitions({ a: 'x', b: 'x', c: 'y', d: 'y' }, { a: 'x', b: 'y', c: 'y', d: 'y' });
   * t.project(1); // => [0.125, 0.875]
   */
  project(steps: number): number[] {
    if (!Number.isInteger(steps) || steps < 0 || steps > 10_000) {
      throw new SegmentkitError(
        'E_PARAM',
        `SegmentTransitions.project: steps must be a whole number from 0 to 10000, got ${describeValue(steps)}`,
      );
    }
    const k = this.segments.length;
    let state = Array.from({ length: k }, (_, j) =>
      this.retained > 0 ? this.counts.reduce((sum, row) => sum + row[j]!, 0) / this.retained : 0,
    );
    const matrix = this.shares.map((row, i) => (row.some((v) => v > 0) ? row : row.map((_, j) => (i === j ? 1 : 0))));
    for (let s = 0; s < steps; s++) {
      const next = new Array<number>(k).fill(0);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) next[j]! += state[i]! * matrix[i]![j]!;
      state = next;
    }
    return state;
  }

  /** @internal */
  protected summaryLine(): string {
    return `SegmentTransitions { ${this.segments.length} segments, ${this.retained} retained (${formatNumber(100 * this.stayed, 3)} % stayed), ${this.newCustomers.total} new, ${this.lostCustomers.total} lost }`;
  }

  /** @internal */
  protected override summaryChart(): unknown {
    return plotTransitions(this);
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'SegmentTransitions',
      [
        ['retained', String(this.retained)],
        ['stayed', `${formatNumber(100 * this.stayed, 3)} %`],
        ['new', String(this.newCustomers.total)],
        ['lost', String(this.lostCustomers.total)],
      ],
      {
        header: ['from \\ to', ...this.segments.map(String), 'lost'],
        rows: this.segments.map((s, i) => [String(s), ...this.counts[i]!.map(String), String(this.lostCustomers.perSegment[i])]),
      },
    );
  }
}

/**
 * Compare two periods' segment assignments: the from × to matrix of counts and row shares, the customers who
 * are new or lost, the share that stayed, and a Markov projection of segment shares (`project(steps)`).
 *
 * @param before - customer → segment in the earlier period
 * @param after - customer → segment in the later period
 * @throws {@link SegmentkitError} `E_PARAM` for an input that is not an assignment, `E_PARSE` for a bad id or
 *   segment or a customer listed twice.
 * @example
 * const t = segmentTransitions(new Map([['a', 0], ['b', 0], ['c', 1]]), new Map([['a', 0], ['b', 1], ['d', 1]]));
 * [t.counts, t.newCustomers.total, t.lostCustomers.total, t.stayed]; // => [[[1, 1], [0, 0]], 1, 1, 0.5]
 */
export function segmentTransitions(before: SegmentAssignment, after: SegmentAssignment): SegmentTransitions {
  const context = 'segmentTransitions';
  const from = readAssignment(before, context, 'before');
  const to = readAssignment(after, context, 'after');
  const segments = [...new Set([...from.values(), ...to.values()])].sort(compareSegments);
  const index = new Map(segments.map((s, i) => [s, i]));
  const k = segments.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const lost = new Array<number>(k).fill(0);
  const added = new Array<number>(k).fill(0);
  for (const [id, segment] of from) {
    const later = to.get(id);
    if (later === undefined) lost[index.get(segment)!]!++;
    else counts[index.get(segment)!]![index.get(later)!]!++;
  }
  for (const [id, segment] of to) if (!from.has(id)) added[index.get(segment)!]!++;
  return new SegmentTransitions({
    segments,
    counts,
    newCustomers: { total: added.reduce((a, b) => a + b, 0), perSegment: added },
    lostCustomers: { total: lost.reduce((a, b) => a + b, 0), perSegment: lost },
  });
}
