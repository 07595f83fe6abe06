// Label extraction from an OPTICS graph, line for line as scikit-learn 1.2 `cluster_optics_dbscan` and
// `cluster_optics_xi` (`_xi_cluster`, `_extend_region`, `_update_filter_sdas`, `_correct_predecessor`,
// `_extract_xi_labels`), including its quirks: the predecessor check looks up `ordering[predecessor]` (a
// predecessor of -1 reads the last entry, as numpy's negative index), and a maximum-in-between of infinity
// drops every steep-down area.

/** @internal `cluster_optics_dbscan`: clusters of the reachability plot cut at `eps`; -1 for noise. */
export function extractDbscanLabels(
  reachability: Float64Array,
  coreDistances: Float64Array,
  ordering: Int32Array,
  eps: number,
): Int32Array {
  const n = ordering.length;
  const labels = new Int32Array(n);
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    const i = ordering[k]!;
    if (reachability[i]! > eps && coreDistances[i]! <= eps) cumulative++;
    labels[i] = cumulative - 1;
  }
  for (let i = 0; i < n; i++) if (reachability[i]! > eps && !(coreDistances[i]! <= eps)) labels[i] = -1;
  return labels;
}

interface SteepDownArea {
  start: number;
  end: number;
  mib: number;
}

/** @internal `_xi_cluster` then `_extract_xi_labels`: the labels and the cluster hierarchy (`[start, end]` pairs in ordering positions). */
export function extractXiLabels(
  reachability: Float64Array,
  predecessor: Int32Array,
  ordering: Int32Array,
  xi: number,
  minSamples: number,
  minClusterSize: number,
  predecessorCorrection: boolean,
): { labels: Int32Array; clusters: [number, number][] } {
  const n = ordering.length;
  const plot = new Float64Array(n + 1);
  const predecessorPlot = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    plot[k] = reachability[ordering[k]!]!;
    predecessorPlot[k] = predecessor[ordering[k]!]!;
  }
  plot[n] = Number.POSITIVE_INFINITY;
  const xiComplement = 1 - xi;
  const steepUp = new Uint8Array(n);
  const steepDown = new Uint8Array(n);
  const down = new Uint8Array(n);
  const up = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const ratio = plot[k]! / plot[k + 1]!;
    steepUp[k] = ratio <= xiComplement ? 1 : 0;
    steepDown[k] = ratio >= 1 / xiComplement ? 1 : 0;
    down[k] = ratio > 1 ? 1 : 0;
    up[k] = ratio < 1 ? 1 : 0;
  }
  let sdas: SteepDownArea[] = [];
  const clusters: [number, number][] = [];
  let index = 0;
  let mib = 0;
  for (let steep = 0; steep < n; steep++) {
    if (steepUp[steep] === 0 && steepDown[steep] === 0) continue;
    if (steep < index) continue;
    for (let k = index; k <= steep; k++) mib = Math.max(mib, plot[k]!);
    sdas = updateFilterSdas(sdas, mib, xiComplement, plot);
    if (steepDown[steep] === 1) {
      const end = extendRegion(steepDown, up, steep, minSamples);
      sdas.push({ start: steep, end, mib: 0 });
      index = end + 1;
      mib = plot[index]!;
      continue;
    }
    const uStart = steep;
    const uEnd = extendRegion(steepUp, down, uStart, minSamples);
    index = uEnd + 1;
    mib = plot[index]!;
    const found: [number, number][] = [];
    for (const D of sdas) {
      let cStart = D.start;
      let cEnd = uEnd;
      if (plot[cEnd + 1]! * xiComplement < D.mib) continue;
      const dMax = plot[D.start]!;
      if (dMax * xiComplement >= plot[cEnd + 1]!) {
        while (plot[cStart + 1]! > plot[cEnd + 1]! && cStart < D.end) cStart++;
      } else if (plot[cEnd + 1]! * xiComplement >= dMax) {
        while (cEnd > uStart && plot[cEnd - 1]! > dMax) cEnd--;
      }
      if (predecessorCorrection) {
        const corrected = correctPredecessor(plot, predecessorPlot, ordering, cStart, cEnd);
        if (corrected === null) continue;
        [cStart, cEnd] = corrected;
      }
      if (cEnd - cStart + 1 < minClusterSize) continue;
      if (cStart > D.end) continue;
      if (cEnd < uStart) continue;
      found.push([cStart, cEnd]);
    }
    found.reverse();
    clusters.push(...found);
  }
  // _extract_xi_labels: leaf clusters first (smaller ones come before the ones containing them)
  const byPosition = new Int32Array(n).fill(-1);
  let label = 0;
  for (const [s, e] of clusters) {
    let free = true;
    for (let k = s; k <= e && free; k++) if (byPosition[k] !== -1) free = false;
    if (!free) continue;
    byPosition.fill(label, s, e + 1);
    label++;
  }
  const labels = new Int32Array(n);
  for (let k = 0; k < n; k++) labels[ordering[k]!] = byPosition[k]!;
  return { labels, clusters };
}

function extendRegion(steepPoint: Uint8Array, xwardPoint: Uint8Array, start: number, minSamples: number): number {
  const n = steepPoint.length;
  let nonXward = 0;
  let end = start;
  for (let index = start; index < n; index++) {
    if (steepPoint[index] === 1) {
      nonXward = 0;
      end = index;
    } else if (xwardPoint[index] === 0) {
      nonXward++;
      if (nonXward > minSamples) break;
    } else return end;
  }
  return end;
}

function updateFilterSdas(sdas: SteepDownArea[], mib: number, xiComplement: number, plot: Float64Array): SteepDownArea[] {
  if (mib === Number.POSITIVE_INFINITY) return [];
  const kept = sdas.filter((sda) => mib <= plot[sda.start]! * xiComplement);
  for (const sda of kept) sda.mib = Math.max(sda.mib, mib);
  return kept;
}

function correctPredecessor(
  plot: Float64Array,
  predecessorPlot: Int32Array,
  ordering: Int32Array,
  s: number,
  e: number,
): [number, number] | null {
  const n = ordering.length;
  while (s < e) {
    if (plot[s]! > plot[e]!) return [s, e];
    const p = predecessorPlot[e]!;
    const pE = ordering[p < 0 ? p + n : p]!;
    for (let i = s; i < e; i++) if (pE === ordering[i]) return [s, e];
    e--;
  }
  return null;
}
