// Synthetic customer summaries drawn from the BG/NBD process itself (Fader, Hardie & Lee 2005) with the paper's
// CDNOW estimates, for the large-n fitting benchmark: purchase rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b),
// Poisson purchases while alive, a coin after each. Ages and times are whole days expressed in weeks, as a
// daily log summarised by clvSummary would give, so many customers share a row (and grouping pays).
import { createRng, type Rng } from '../../src/core/createRng';

function gamma(rng: Rng, shape: number): number {
  // Marsaglia & Tsang; shape < 1 through the boost x·U^(1/shape)
  if (shape < 1) return gamma(rng, shape + 1) * rng.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** n customers observed for up to `weeks` weeks: frequency, recency and T in weeks (whole days / 7). */
export function syntheticBetaGeoCustomers(
  n: number,
  seed: number,
  weeks = 52,
  params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
): { frequency: number; recency: number; T: number }[] {
  const rng = createRng(seed);
  const rows: { frequency: number; recency: number; T: number }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = gamma(rng, params.r) / params.alpha;
    const ga = gamma(rng, params.a);
    const p = ga / (ga + gamma(rng, params.b));
    const days = 1 + rng.integer(0, weeks * 7);
    const T = days / 7;
    let time = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      time += rng.exponential(lambda);
      if (time > T) break;
      x++;
      last = time;
      if (rng.uniform() < p) break;
    }
    const recency = x === 0 ? 0 : Math.min(days, Math.max(1, Math.round(last * 7))) / 7;
    rows[i] = { frequency: x, recency, T };
  }
  return rows;
}
