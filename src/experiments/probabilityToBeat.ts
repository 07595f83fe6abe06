import { logBeta } from '../core/regularizedBeta';
import { portableExp, portableLog } from '../core/portableMath';

// Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) B(1 + i, βB) B(αA, βA)) = P(pB > pA) for pA ~ Beta(αA, βA),
// pB ~ Beta(αB, βB) and a whole αB (Evan Miller, "Formulas for Bayesian A/B testing", 2015), term by term in
// log space.
function millerSum(alphaA: number, betaA: number, alphaB: number, betaB: number): number {
  const constant = logBeta(alphaA, betaA);
  let sum = 0;
  for (let i = 0; i < alphaB; i++) {
    sum += portableExp(logBeta(alphaA + i, betaA + betaB) - portableLog(betaB + i) - logBeta(1 + i, betaB) - constant);
  }
  return sum;
}

/**
 * @internal
 * P(p_variant > p_control) for independent posteriors p_variant ~ Beta(αV, βV) and p_control ~ Beta(αC, βC),
 * exactly (no simulation): Evan Miller's closed-form sum, over the shape parameter with fewer terms
 * (P(V > C) = 1 − P(C > V), ties have probability 0). At least one of αV, αC must be a whole number (the
 * posterior of a whole-number prior α and a count); the result is clamped to [0, 1].
 */
export function probabilityToBeat(alphaV: number, betaV: number, alphaC: number, betaC: number): number {
  const wholeV = Number.isInteger(alphaV);
  const wholeC = Number.isInteger(alphaC);
  const direct = wholeV && (!wholeC || alphaV <= alphaC);
  const p = direct ? millerSum(alphaC, betaC, alphaV, betaV) : 1 - millerSum(alphaV, betaV, alphaC, betaC);
  return Math.min(1, Math.max(0, p));
}
