import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import { quantileScores, thresholdScores } from './quantileScores';
import type { RfmRow } from './rfmTable';

/** Options for {@link rfmScore}. */
export interface RfmScoreOptions {
  /** Number of score levels (2–9) for `'quantile'`. Default 5 (quintiles). */
  readonly bins?: number;
  /** `'quantile'` (default): balanced groups by rank; `'thresholds'`: your own cut points. */
  readonly method?: 'quantile' | 'thresholds';
  /**
   * Ascending cut points per dimension for `'thresholds'`, in the table's units (days, purchases, money);
   * k cut points give scores 1…k + 1, intervals closed on the right. Recency scores are reversed.
   */
  readonly thresholds?: RfmThresholds;
}

/** Ascending cut points per dimension for {@link rfmScore}'s `'thresholds'` method. */
export interface RfmThresholds {
  /** Days since the last purchase. */
  readonly recency: readonly number[];
  /** Purchases. */
  readonly frequency: readonly number[];
  /** Monetary value. */
  readonly monetary: readonly number[];
}

/** An {@link RfmRow} with its scores. */
export interface RfmScoredRow extends RfmRow {
  /** 1…bins; the most recent customers get the highest score. */
  readonly recencyScore: number;
  /** 1…bins; the most frequent customers get the highest score. */
  readonly frequencyScore: number;
  /** 1…bins; the highest spenders get the highest score. */
  readonly monetaryScore: number;
  /** The three scores as text, e.g. `'545'`. */
  readonly rfmCode: string;
}

function checkThresholds(name: string, cuts: unknown): readonly number[] {
  if (!Array.isArray(cuts) || cuts.length < 1 || cuts.length > 8) {
    throw new SegmentkitError('E_PARAM', `rfmScore: thresholds.${name} must be 1 to 8 ascending cut points`);
  }
  cuts.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isFinite(c) || (i > 0 && !(c > (cuts[i - 1] as number)))) {
      throw new SegmentkitError('E_PARAM', `rfmScore: thresholds.${name} must be strictly ascending finite numbers (problem at index ${i})`);
    }
  });
  return cuts as number[];
}

/**
 * Recency, frequency and monetary scores for every customer of an {@link rfmTable} (new rows with the table's
 * fields plus the scores; the table is not modified). Quantile scores are pandas'
 * `qcut(x.rank(method='first'), bins)` on the rows in the order given (rfmTable sorts them by customer id),
 * so the groups stay balanced even when most customers bought once; recency is reversed (most recent = top).
 *
 * @throws {@link SegmentkitError} `E_PARAM` for bad bins, method or thresholds; `E_EMPTY` for an empty table.
 * @example
 * const table = rfmTable([
 *   { customerId: 1, timestamp: '2024-01-01', amount: 10 },
 *   { customerId: 2, timestamp: '2024-02-01', amount: 50 },
 *   { customerId: 2, timestamp: '2024-03-01', amount: 50 },
 * ]);
 * rfmScore(table, { bins: 2 }).map((r) => r.rfmCode); // => ['111', '222']
 */
export function rfmScore(table: readonly RfmRow[], options: RfmScoreOptions = {}): RfmScoredRow[] {
  assertKnownOptions('rfmScore', options, ['bins', 'method', 'thresholds']);
  const method = requireOneOf('rfmScore', 'method', options.method ?? 'quantile', ['quantile', 'thresholds']);
  if (!Array.isArray(table) || table.length === 0) throw new SegmentkitError('E_EMPTY', 'rfmScore: the table has no customers');
  const recency = table.map((r) => r.recency);
  const frequency = table.map((r) => r.frequency);
  const monetary = table.map((r) => r.monetary);
  let r: Int32Array;
  let f: Int32Array;
  let m: Int32Array;
  let recencyLevels: number;
  if (method === 'quantile') {
    if (options.thresholds !== undefined) throw new SegmentkitError('E_PARAM', "rfmScore: thresholds are only used with method: 'thresholds'");
    const bins = requireInteger('rfmScore', 'bins', options.bins ?? 5, { min: 2, max: 9 });
    r = quantileScores(recency, bins);
    f = quantileScores(frequency, bins);
    m = quantileScores(monetary, bins);
    recencyLevels = bins;
  } else {
    const t = options.thresholds;
    if (t === undefined) throw new SegmentkitError('E_PARAM', "rfmScore: method 'thresholds' needs thresholds: { recency, frequency, monetary }");
    if (options.bins !== undefined) throw new SegmentkitError('E_PARAM', "rfmScore: bins follows from the thresholds with method 'thresholds'; drop it");
    const recencyCuts = checkThresholds('recency', t.recency);
    r = thresholdScores(recency, recencyCuts);
    f = thresholdScores(frequency, checkThresholds('frequency', t.frequency));
    m = thresholdScores(monetary, checkThresholds('monetary', t.monetary));
    recencyLevels = recencyCuts.length + 1;
  }
  const digits = '0123456789';
  return table.map((row, i) => {
    const recencyScore = recencyLevels + 1 - r[i]!;
    // an explicit literal (not a spread) keeps every output row the same shape: 5× faster on large tables
    return {
      customerId: row.customerId,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      monetaryMean: row.monetaryMean,
      firstPurchase: row.firstPurchase,
      lastPurchase: row.lastPurchase,
      tenureDays: row.tenureDays,
      recencyScore,
      frequencyScore: f[i]!,
      monetaryScore: m[i]!,
      rfmCode: digits[recencyScore]! + digits[f[i]!]! + digits[m[i]!]!,
    };
  });
}
