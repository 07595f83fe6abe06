import { digamma } from '../../core/digamma';
import { Estimator } from '../../core/Estimator';
import { logGamma } from '../../core/logGamma';
import { portableLog } from '../../core/portableMath';
import { SegmentkitError } from '../../core/SegmentkitError';
import { fitPositiveParameters } from '../fitTransactionModel';
import { valueFitterParams, type ValueFitterParams } from '../transactionModelKit';
import { GammaGammaModel, type SpendHistory } from './GammaGammaModel';

/** @internal The spec of the Gamma-Gamma fitter's options. */
export const GAMMA_GAMMA_PARAMS: ReturnType<typeof valueFitterParams> = /* @__PURE__ */ valueFitterParams('GammaGammaFitter');

/**
 * Fit the Gamma-Gamma spend model (Fader, Hardie & Lee 2005) to the repeat buyers' mean purchase values, as
 * lifetimes: ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m + px ln x − (px + q) ln(γ + mx)
 * summed over customers with x > 0 (the others carry no information on spend and are left out). On CDNOW's 946
 * repeat buyers: p = 6.25, q = 3.74, γ = 15.44. The model assumes spend does not depend on frequency: check
 * the correlation first.
 *
 * @example
 * const model = new GammaGammaFitter().fit([{ frequency: 1, monetaryValue: 10 }, { frequency: 3, monetaryValue: 20 }, { frequency: 2, monetaryValue: 15 }, { frequency: 0, monetaryValue: 0 }]);
 * model.nCustomers; // => 3
 */
export class GammaGammaFitter extends Estimator<ValueFitterParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a negative penalizer. */
  constructor(params: ValueFitterParams = {}) {
    super(GAMMA_GAMMA_PARAMS, params);
  }

  /**
   * Estimate p, q, γ from rows with `frequency` and `monetaryValue` (customers without repeats are skipped).
   *
   * @throws {@link SegmentkitError} `E_PARSE` naming a malformed row (a repeat buyer needs a positive mean
   *   value), `E_EMPTY` when no customer has repeat purchases, `E_CONVERGENCE`.
   * @example
   * new GammaGammaFitter().fit([{ frequency: 1, monetaryValue: 10 }, { frequency: 3, monetaryValue: 20 }, { frequency: 2, monetaryValue: 15 }]).fit.converged; // => true
   */
  fit(rows: readonly SpendHistory[]): GammaGammaModel {
    const context = 'GammaGammaFitter.fit';
    const { penalizer } = GAMMA_GAMMA_PARAMS.resolve(this.params);
    if (!Array.isArray(rows))
      throw new SegmentkitError('E_PARAM', `${context}: pass rows with frequency and monetaryValue (clvSummary's output)`);
    const groups = new Map<string, number>();
    const xs: number[] = [];
    const ms: number[] = [];
    const ws: number[] = [];
    rows.forEach((row, i) => {
      const x = row?.frequency;
      const m = row?.monetaryValue;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0)
        throw new SegmentkitError('E_PARSE', `${context}: row ${i}, frequency is ${String(x)}; it counts repeat purchases`);
      if (x === 0) return;
      if (typeof m !== 'number' || !Number.isFinite(m) || !(m > 0)) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: row ${i} has ${x} repeat purchases but monetaryValue ${String(m)}; repeat buyers need a positive mean value (drop zero-value customers)`,
        );
      }
      const key = `${x}|${m}`;
      const g = groups.get(key);
      if (g === undefined) {
        groups.set(key, xs.length);
        xs.push(x);
        ms.push(m);
        ws.push(1);
      } else ws[g]!++;
    });
    if (xs.length === 0)
      throw new SegmentkitError('E_EMPTY', `${context}: no customer has repeat purchases, so there is nothing to learn about spend`);
    const total = ws.reduce((a, b) => a + b, 0);
    const logM = ms.map((m) => portableLog(m));
    const logX = xs.map((x) => portableLog(x));
    const nll = (params: Float64Array, gradient: Float64Array): number => {
      const p = params[0]!;
      const q = params[1]!;
      const v = params[2]!;
      const lnV = portableLog(v);
      const lgQ = logGamma(q);
      const psiQ = digamma(q);
      let ll = 0;
      let gp = 0;
      let gq = 0;
      let gv = 0;
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        const m = ms[i]!;
        const w = ws[i]!;
        const px = p * x;
        const lnVM = portableLog(v + m * x);
        ll += w * (logGamma(px + q) - logGamma(px) - lgQ + q * lnV + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * lnVM);
        const psiPXQ = digamma(px + q);
        gp += w * x * (psiPXQ - digamma(px) + logM[i]! + logX[i]! - lnVM);
        gq += w * (psiPXQ - psiQ + lnV - lnVM);
        gv += w * (q / v - (px + q) / (v + m * x));
      }
      gradient[0] = -gp;
      gradient[1] = -gq;
      gradient[2] = -gv;
      return -ll;
    };
    const { params, summary } = fitPositiveParameters(nll, total, [1, 1, 1], penalizer, context);
    const [p, q, gamma] = params as [number, number, number];
    return new GammaGammaModel({ p, q, gamma }, summary, penalizer, total);
  }
}
