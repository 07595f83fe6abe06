import { minimizeBFGS } from '../core/minimizeBFGS';
import { portableExp } from '../core/portableMath';
import { SegmentkitError } from '../core/SegmentkitError';

/** @internal Value and gradient (w.r.t. the natural parameters) of the total negative log-likelihood. */
export type NegativeLogLikelihood = (params: Float64Array, gradient: Float64Array) => number;

/** What every fitted customer-value model reports about its fit. */
export interface FitSummary {
  /** Log-likelihood at the estimate (the sum over customers, without the penalty). */
  readonly logLikelihood: number;
  /** Standard errors from the inverse Hessian of the negative log-likelihood; `null` where it is not positive definite. */
  readonly standardErrors: readonly (number | null)[];
  /** 95 % intervals (estimate ± 1.96 standard errors), `null` with the standard error. */
  readonly intervals: readonly ([number, number] | null)[];
  /** Whether the optimiser met its gradient tolerance. */
  readonly converged: boolean;
  /** Optimiser iterations. */
  readonly iterations: number;
}

/** @internal Invert a small symmetric matrix by Gauss–Jordan with partial pivoting; null when singular. */
function invert(matrix: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    const p = a[pivot * n + col]!;
    if (!(Math.abs(p) > 1e-300)) return null;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        [a[col * n + j], a[pivot * n + j]] = [a[pivot * n + j]!, a[col * n + j]!];
        [inverse[col * n + j], inverse[pivot * n + j]] = [inverse[pivot * n + j]!, inverse[col * n + j]!];
      }
    }
    for (let j = 0; j < n; j++) {
      a[col * n + j] = a[col * n + j]! / p;
      inverse[col * n + j] = inverse[col * n + j]! / p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r * n + col]!;
      if (factor === 0) continue;
      for (let j = 0; j < n; j++) {
        a[r * n + j] = a[r * n + j]! - factor * a[col * n + j]!;
        inverse[r * n + j] = inverse[r * n + j]! - factor * inverse[col * n + j]!;
      }
    }
  }
  return inverse;
}

/**
 * @internal
 * Maximum likelihood over positive parameters, as lifetimes fits its models: BFGS on log-parameters of the mean
 * negative log-likelihood plus `penalizer · Σ θ²` (θ the natural parameters), from `start`. Standard errors come
 * from the Hessian of the total negative log-likelihood in the natural parameters (central differences of the
 * analytic gradient).
 */
export function fitPositiveParameters(
  nll: NegativeLogLikelihood,
  totalWeight: number,
  start: readonly number[],
  penalizer: number,
  context: string,
  valueOnly?: (params: Float64Array) => number,
): { params: number[]; summary: FitSummary } {
  const n = start.length;
  const natural = new Float64Array(n);
  const gradient = new Float64Array(n);
  const objective = (theta: Float64Array, out: Float64Array): number => {
    for (let i = 0; i < n; i++) natural[i] = portableExp(theta[i]!);
    const value = nll(natural, gradient);
    if (!Number.isFinite(value)) {
      out.fill(0);
      return Number.POSITIVE_INFINITY;
    }
    let penalty = 0;
    for (let i = 0; i < n; i++) {
      penalty += natural[i]! * natural[i]!;
      out[i] = (gradient[i]! / totalWeight) * natural[i]! + 2 * penalizer * natural[i]! * natural[i]!;
    }
    return value / totalWeight + penalizer * penalty;
  };
  const theta0 = start.map((v) => Math.log(v));
  const result = minimizeBFGS(objective, theta0, { gtol: 1e-10, maxIter: 2000 });
  const params = Array.from(result.x, (t) => portableExp(t));
  if (params.some((p) => !Number.isFinite(p) || p <= 0)) {
    throw new SegmentkitError(
      'E_CONVERGENCE',
      `${context}: the fit ran to parameters of ${params.join(', ')}; the data may not fit the model (try a penalizer such as 0.001)`,
    );
  }
  const at = Float64Array.from(params);
  const total = -nll(at, gradient);
  const hessian = valueOnly === undefined ? hessianFromGradient(nll, params) : hessianFromValue(valueOnly, params);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) hessian[i * n + j] = hessian[j * n + i] = (hessian[i * n + j]! + hessian[j * n + i]!) / 2;
  const covariance = invert(hessian, n);
  const standardErrors = params.map((_, i) => {
    const v = covariance?.[i * n + i];
    return v !== undefined && v > 0 ? Math.sqrt(v) : null;
  });
  return {
    params,
    summary: {
      logLikelihood: total,
      standardErrors,
      intervals: standardErrors.map((se, i) =>
        se === null ? null : ([params[i]! - 1.96 * se, params[i]! + 1.96 * se] as [number, number]),
      ),
      converged: result.converged,
      iterations: result.iterations,
    },
  };
}

/** Hessian of the total NLL by central differences of its analytic gradient. */
function hessianFromGradient(nll: NegativeLogLikelihood, params: readonly number[]): Float64Array {
  const n = params.length;
  const hessian = new Float64Array(n * n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(params[j]!));
    const up = Float64Array.from(params);
    const down = Float64Array.from(params);
    up[j] = up[j]! + h;
    down[j] = Math.max(down[j]! - h, params[j]! / 2);
    nll(up, plus);
    nll(down, minus);
    for (let i = 0; i < n; i++) hessian[i * n + j] = (plus[i]! - minus[i]!) / (up[j]! - down[j]!);
  }
  return hessian;
}

/**
 * Hessian of the total NLL by four-point second differences of its value, for likelihoods without an analytic
 * gradient: differencing a numeric gradient again would amplify its rounding noise (several % on CDNOW's
 * Pareto/NBD standard errors).
 */
function hessianFromValue(value: (params: Float64Array) => number, params: readonly number[]): Float64Array {
  const n = params.length;
  const hessian = new Float64Array(n * n);
  const probe = Float64Array.from(params);
  const steps = params.map((p) => Math.min(1e-4 * Math.max(1, Math.abs(p)), p / 4));
  const at = (i: number, di: number, j: number, dj: number): number => {
    probe.set(params);
    probe[i] = probe[i]! + di;
    probe[j] = probe[j]! + dj;
    return value(probe);
  };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const hi = steps[i]!;
      const hj = steps[j]!;
      const entry = (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) / (4 * hi * hj);
      hessian[i * n + j] = hessian[j * n + i] = entry;
    }
  }
  return hessian;
}

/** @internal A customer row as the transaction models read it: repeat purchases x, age at the last one tₓ, age T. */
export interface FrequencyRecencyT {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** How many customers the row stands for (aggregated data such as the BG/BB paper's); default 1. */
  readonly weight?: number;
}

/**
 * @internal Rows grouped by identical (x, tₓ, T), with their counts as weights: the likelihood is a weighted sum.
 * Each group also carries the index of its x, tₓ and T among the distinct values of each, so a likelihood can
 * compute what depends on one of them once per distinct value (ln Γ(r + x), ln(α + T), …).
 */
export interface GroupedRows {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly total: number;
  /** Distinct values of x, tₓ and T, and each group's index into them. */
  readonly distinct: {
    readonly x: Float64Array;
    readonly tx: Float64Array;
    readonly T: Float64Array;
    readonly xIndex: Int32Array;
    readonly txIndex: Int32Array;
    readonly TIndex: Int32Array;
  };
}

function badField(context: string, i: number, name: string, value: unknown): SegmentkitError {
  return new SegmentkitError('E_PARSE', `${context}: row ${i}, ${name} is ${String(value)}; it must be a finite number ≥ 0`);
}

/** Index of `value` among the distinct values seen so far (a new index for a new value). */
function distinctIndex(ids: Map<number, number>, values: number[], value: number): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = values.length;
    ids.set(value, id);
    values.push(value);
  }
  return id;
}

/** @internal Read and group summary rows; every field checked and named on failure. */
export function groupRows(rows: readonly FrequencyRecencyT[], context: string, discrete = false): GroupedRows {
  if (!Array.isArray(rows))
    throw new SegmentkitError('E_PARAM', `${context}: pass summary rows ({ frequency, recency, T }), e.g. clvSummary's output`);
  if (rows.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: no customers`);
  const xIds = new Map<number, number>();
  const txIds = new Map<number, number>();
  const TIds = new Map<number, number>();
  const xValues: number[] = [];
  const txValues: number[] = [];
  const TValues: number[] = [];
  // groups keyed by a number built from the three distinct-value ids (exact while it stays below 2^53)
  const groups = new Map<number | string, number>();
  const groupX: number[] = [];
  const groupTx: number[] = [];
  const groupT: number[] = [];
  const weight: number[] = [];
  const KEY_BASE = 2 ** 17;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object')
      throw new SegmentkitError('E_PARSE', `${context}: row ${i} is ${String(row)}, not a summary row`);
    const { frequency, recency, T: age } = row;
    if (typeof frequency !== 'number' || !(frequency >= 0) || frequency === Number.POSITIVE_INFINITY)
      throw badField(context, i, 'frequency', frequency);
    if (typeof recency !== 'number' || !(recency >= 0) || recency === Number.POSITIVE_INFINITY)
      throw badField(context, i, 'recency', recency);
    if (typeof age !== 'number' || !(age >= 0) || age === Number.POSITIVE_INFINITY) throw badField(context, i, 'T', age);
    const rowWeight = row.weight ?? 1;
    if (typeof rowWeight !== 'number' || !Number.isFinite(rowWeight) || rowWeight <= 0)
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, weight is ${String(rowWeight)}; it counts the customers the row stands for (a number > 0)`,
      );
    if (!Number.isInteger(frequency))
      throw new SegmentkitError('E_PARSE', `${context}: row ${i}, frequency is ${frequency}; it counts repeat purchases (a whole number)`);
    if (recency > age)
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, recency ${recency} is after T ${age}; recency is the age at the last purchase`,
      );
    if (frequency === 0 && recency !== 0)
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i} has no repeat purchase but recency ${recency}; one-time buyers have recency 0`,
      );
    if (discrete && (!Number.isInteger(recency) || !Number.isInteger(age)))
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, recency ${recency} and T ${age} must be whole numbers of periods (transaction opportunities)`,
      );
    if (discrete && frequency > recency)
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, ${frequency} repeat purchases by period ${recency}; at most one purchase per period`,
      );
    // −0 and 0 are one value
    const xId = distinctIndex(xIds, xValues, frequency + 0);
    const txId = distinctIndex(txIds, txValues, recency + 0);
    const TId = distinctIndex(TIds, TValues, age + 0);
    // ids below 2^17 each pack into one exact integer key; beyond that (over 131,072 distinct values of one
    // field) a string key keeps groups exact
    const key: number | string =
      xId < KEY_BASE && txId < KEY_BASE && TId < KEY_BASE ? (xId * KEY_BASE + txId) * KEY_BASE + TId : `${xId}|${txId}|${TId}`;
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, groupX.length);
      groupX.push(xId);
      groupTx.push(txId);
      groupT.push(TId);
      weight.push(rowWeight);
    } else weight[g]! += rowWeight;
    total += rowWeight;
  }
  const xIndex = Int32Array.from(groupX);
  const txIndex = Int32Array.from(groupTx);
  const TIndex = Int32Array.from(groupT);
  const distinct = {
    x: Float64Array.from(xValues),
    tx: Float64Array.from(txValues),
    T: Float64Array.from(TValues),
    xIndex,
    txIndex,
    TIndex,
  };
  return {
    x: Float64Array.from(xIndex, (id) => xValues[id]!),
    tx: Float64Array.from(txIndex, (id) => txValues[id]!),
    T: Float64Array.from(TIndex, (id) => TValues[id]!),
    weight: Float64Array.from(weight),
    total,
    distinct,
  };
}
