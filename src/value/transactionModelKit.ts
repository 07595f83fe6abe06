import { describeValue } from '../core/describeValue';
import { check, ParamKit } from '../core/params';
import { checkModel, readModelHeader, readNumber, type JsonObject } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import type { FitSummary } from './fitTransactionModel';

/** Options every customer-value fitter takes. */
export interface ValueFitterParams {
  /** L2 penalty on the parameters (lifetimes' `penalizer_coef`), against extreme estimates on small data. Default 0. */
  readonly penalizer?: number;
}

/** @internal The shared spec of {@link ValueFitterParams}, per fitter name. */
export function valueFitterParams(owner: string): ParamKit<ValueFitterParams, 'penalizer'> {
  return new ParamKit<ValueFitterParams, 'penalizer'>(owner, () => ({
    penalizer: { doc: 'L2 penalty on the parameters', check: check.number({ min: 0 }), default: 0 },
  }));
}

/** The JSON fields every customer-value model has besides its parameters. */
export interface FitSummaryJSON {
  /** Total log-likelihood of the fitted parameters on the training customers. */
  readonly logLikelihood: number;
  /** Standard error of each parameter (from the Hessian), `null` where it is not defined. */
  readonly standardErrors: (number | null)[];
  /** Whether the optimiser met its tolerance. */
  readonly converged: boolean;
  /** Optimiser iterations used. */
  readonly iterations: number;
  /** The L2 penalty the fit used. */
  readonly penalizer: number;
  /** Customers (summary rows, weighted) the fit saw. */
  readonly nCustomers: number;
}

/** @internal Serialise a fit summary. */
export function fitSummaryJSON(summary: FitSummary, penalizer: number, nCustomers: number): FitSummaryJSON {
  return {
    logLikelihood: summary.logLikelihood,
    standardErrors: [...summary.standardErrors],
    converged: summary.converged,
    iterations: summary.iterations,
    penalizer,
    nCustomers,
  };
}

/** @internal Read a model's header, its positive parameters by name, and its fit summary. */
export function readValueModel(
  json: unknown,
  kind: string,
  names: readonly string[],
): { params: number[]; summary: FitSummary; penalizer: number; nCustomers: number; object: JsonObject } {
  const context = `${kind}.fromJSON`;
  const object = readModelHeader(json, kind, 1);
  const paramsObject = object.params;
  checkModel(
    paramsObject !== null && typeof paramsObject === 'object' && !Array.isArray(paramsObject),
    context,
    'params must be an object',
  );
  const params = names.map((name) => readNumber(paramsObject as JsonObject, name, context, { min: 0 }));
  checkModel(
    params.every((p) => p > 0 && Number.isFinite(p)),
    context,
    `params ${names.join(', ')} must be positive and finite`,
  );
  const ses = object.standardErrors;
  checkModel(
    Array.isArray(ses) && ses.length === names.length && ses.every((v) => v === null || (typeof v === 'number' && v >= 0)),
    context,
    'standardErrors must hold one number ≥ 0 (or null) per parameter',
  );
  const standardErrors = ses as (number | null)[];
  const logLikelihood = readNumber(object, 'logLikelihood', context);
  checkModel(typeof object.converged === 'boolean', context, 'converged must be a boolean');
  const iterations = readNumber(object, 'iterations', context, { min: 0, integer: true });
  const penalizer = readNumber(object, 'penalizer', context, { min: 0 });
  const nCustomers = readNumber(object, 'nCustomers', context, { min: 0, integer: true });
  return {
    params,
    penalizer,
    nCustomers,
    object,
    summary: {
      logLikelihood,
      standardErrors,
      intervals: standardErrors.map((se, i) =>
        se === null ? null : ([params[i]! - 1.96 * se, params[i]! + 1.96 * se] as [number, number]),
      ),
      converged: object.converged as boolean,
      iterations,
    },
  };
}

/** @internal A customer's (x, tₓ, T), checked. */
export function readCustomer(customer: unknown, context: string): { x: number; tx: number; T: number } {
  if (customer === null || typeof customer !== 'object') {
    throw new SegmentkitError('E_PARAM', `${context}: pass a customer { frequency, recency, T } (a row of clvSummary)`);
  }
  const { frequency, recency, T } = customer as { frequency?: unknown; recency?: unknown; T?: unknown };
  for (const [name, value] of [
    ['frequency', frequency],
    ['recency', recency],
    ['T', T],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new SegmentkitError('E_PARSE', `${context}: the customer's ${name} is ${describeValue(value)}; it must be a finite number ≥ 0`);
    }
  }
  if ((recency as number) > (T as number))
    throw new SegmentkitError('E_PARSE', `${context}: recency ${describeValue(recency)} is after T ${describeValue(T)}`);
  return { x: frequency as number, tx: recency as number, T: T as number };
}

/** @internal A time span t ≥ 0, checked. */
export function readSpan(t: unknown, context: string, name = 't'): number {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must be a finite number ≥ 0 (in the summary's periods), got ${describeValue(t)}`,
    );
  return t;
}

/**
 * @internal A model's prediction, checked: a formula that overflows (a span or history far beyond the data the
 * model was fitted on, or parameters at the edge of their range) is refused rather than returned as NaN/±Infinity.
 */
export function finiteResult(value: number, context: string): number {
  if (!Number.isFinite(value))
    throw new SegmentkitError(
      'E_DOMAIN',
      `${context}: the result is not finite (${value}) for these parameters and inputs; use spans and histories in the range the model was fitted on, or coarser periods (clvSummary's unit)`,
    );
  return value;
}
