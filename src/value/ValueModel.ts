import { formatNumber, htmlSummary } from '../core/display';
import { Displayable } from '../core/Displayable';
import type { FitSummary } from './fitTransactionModel';
import { fitSummaryJSON, type FitSummaryJSON } from './transactionModelKit';

/** The JSON form of every customer-value model: its kind, parameters and fit summary. */
export interface ValueModelJSON<K extends string, P> extends FitSummaryJSON {
  /** The model's class name. */
  readonly kind: K;
  /** Format version. */
  readonly version: 1;
  /** The estimates. */
  readonly params: P;
}

/**
 * @internal
 * The base of the customer-value models fitted by maximum likelihood: frozen parameters, the fit summary
 * (log-likelihood, standard errors, 95 % intervals), JSON and the REPL / notebook display. Subclasses add the
 * model's expectations.
 */
export abstract class ValueModel<K extends string, P extends object> extends Displayable {
  /** The estimates. */
  readonly params: P;
  /** Log-likelihood, standard errors, intervals, convergence. */
  readonly fit: FitSummary;
  /** The penalizer the fit used. */
  readonly penalizer: number;
  /** Customers fitted on. */
  readonly nCustomers: number;
  readonly #kind: K;
  readonly #title: string;

  protected constructor(kind: K, title: string, params: P, fit: FitSummary, penalizer: number, nCustomers: number) {
    super();
    this.#kind = kind;
    this.#title = title;
    this.params = Object.freeze({ ...params });
    this.fit = Object.freeze({
      ...fit,
      standardErrors: Object.freeze([...fit.standardErrors]),
      intervals: Object.freeze([...fit.intervals]),
    });
    this.penalizer = penalizer;
    this.nCustomers = nCustomers;
  }

  /** The fitted model as plain JSON. */
  toJSON(): ValueModelJSON<K, P> {
    return { kind: this.#kind, version: 1, params: { ...this.params }, ...fitSummaryJSON(this.fit, this.penalizer, this.nCustomers) };
  }

  /** @internal */
  protected summaryLine(): string {
    const parts = Object.entries(this.params as Record<string, number>).map(([name, value]) => `${name}: ${formatNumber(value)}`);
    return `${this.#kind} { ${parts.join(', ')}, logLikelihood: ${formatNumber(this.fit.logLikelihood, 8)}, customers: ${this.nCustomers} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      this.#title,
      [
        ['customers', String(this.nCustomers)],
        ['log-likelihood', formatNumber(this.fit.logLikelihood, 8)],
        ['converged', String(this.fit.converged)],
      ],
      {
        header: ['parameter', 'estimate', 'standard error', '95 % interval'],
        rows: Object.entries(this.params as Record<string, number>).map(([name, value], i) => {
          const interval = this.fit.intervals[i];
          const se = this.fit.standardErrors[i];
          return [
            name,
            formatNumber(value),
            se === null || se === undefined ? '—' : formatNumber(se),
            interval ? `${formatNumber(interval[0])} … ${formatNumber(interval[1])}` : '—',
          ];
        }),
      },
    );
  }
}

/** @internal Value and central-difference gradient of a likelihood given only by its value. */
export function withNumericGradient(value: (params: Float64Array) => number): (params: Float64Array, gradient: Float64Array) => number {
  return (params, gradient) => {
    const f0 = value(params);
    const probe = Float64Array.from(params);
    for (let i = 0; i < params.length; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(params[i]!));
      probe[i] = params[i]! + h;
      const up = value(probe);
      probe[i] = Math.max(params[i]! - h, params[i]! * 0.5);
      const down = value(probe);
      gradient[i] = (up - down) / (params[i]! + h - probe[i]!);
      probe[i] = params[i]!;
    }
    return f0;
  };
}
