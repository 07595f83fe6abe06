/**
 * @internal
 * The elbow of a decreasing curve (inertia against k) by Kneedle (Satopää, Albrecht, Irwin and Raghavan 2011),
 * offline with sensitivity S: scale k and the values to [0, 1]; the difference curve is how far each point lies
 * below the straight line from the first point to the last, (1 − x) − y; its largest value is the elbow, provided
 * the difference later falls below that maximum − S/(m − 1) (m points). Returns the index of the elbow, or null
 * when there are fewer than 3 points, the curve is flat, or no point stands out from the straight line.
 */
export function kneedleElbow(ks: readonly number[], values: readonly number[], sensitivity = 1): number | null {
  const m = ks.length;
  if (m < 3) return null;
  const x0 = ks[0]!;
  const xRange = ks[m - 1]! - x0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const v of values) {
    yMin = Math.min(yMin, v);
    yMax = Math.max(yMax, v);
  }
  if (!(yMax > yMin) || !(xRange > 0)) return null;
  const difference = ks.map((k, i) => 1 - (k - x0) / xRange - (values[i]! - yMin) / (yMax - yMin));
  let best = 0;
  for (let i = 1; i < m; i++) if (difference[i]! > difference[best]!) best = i;
  if (!(difference[best]! > 0)) return null;
  const threshold = difference[best]! - sensitivity / (m - 1);
  for (let i = best + 1; i < m; i++) if (difference[i]! < threshold) return best;
  return null;
}
