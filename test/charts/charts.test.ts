// Every chart builder on real results, compiled by Vega-Lite and rendered to SVG by Vega (the renderer users get
// through segmentkit/svg): a spec that does not compile, or that renders without its marks, fails here.
import {
  AgglomerativeClustering,
  chooseK,
  customerLifetimeValue,
  driftReport,
  KMeans,
  makeBlobs,
  plotChooseK,
  plotClv,
  plotCondensedTree,
  plotDendrogram,
  plotReachability,
  HDBSCAN,
  OPTICS,
  plotDrift,
  plotProfiles,
  plotRfmGrid,
  plotSegments,
  plotSilhouette,
  plotTransitions,
  profileSegments,
  rfmScore,
  rfmTable,
  SEGMENT_PALETTE,
  SegmentkitError,
  segmentTransitions,
  makeTransactions,
  type VegaLiteSpec,
} from 'segmentkit';
import { toSvg } from 'segmentkit/svg';
import { describe, expect, it } from 'vitest';
import * as vegaLite from 'vega-lite';

const { X } = makeBlobs({ nSamples: 300, nFeatures: 2, centers: 3, clusterStd: 0.8, seed: 3 });
const model = new KMeans({ nClusters: 3, seed: 1 }).fit(X);
const names = new Map([
  [0, 'Loyal'],
  [1, 'New'],
  [2, 'Lapsed'],
]);

async function rendered(spec: VegaLiteSpec): Promise<string> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => {
      warnings.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.join(' '));
    },
  };
  vegaLite.compile(spec as never, { logger: logger as never });
  expect(warnings).toEqual([]);
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON
  const svg = await toSvg(spec);
  expect(svg.startsWith('<svg')).toBe(true);
  return svg;
}

describe('chart builders compile without warnings and render to SVG', () => {
  it('plotSegments: names in the legend, the colour-blind palette, subsampling said in the description', async () => {
    const spec = plotSegments(X, model.labels, { names, maxPoints: 100 });
    const svg = await rendered(spec);
    expect(svg).toContain('Loyal');
    expect(svg).toContain(`fill="${SEGMENT_PALETTE[0]}"`);
    expect(String(spec.description)).toContain('100 of 300 customers');
  });
  it('plotChooseK: a panel per criterion, the recommended k marked', async () => {
    const result = chooseK(X, { kMin: 2, kMax: 5, seed: 1 });
    const svg = await rendered(plotChooseK(result));
    expect(svg).toContain('silhouette');
    expect(svg).toContain(`Choosing k: ${result.recommendedK} recommended`);
  });
  it('plotSilhouette: one bar per customer', async () => {
    const svg = await rendered(plotSilhouette(X, model.labels, { names }));
    expect(svg).toContain('Silhouettes (mean');
  });
  it('plotDendrogram: the merges of a ward hierarchy', async () => {
    const tree = new AgglomerativeClustering({ nClusters: 3 }).fit(
      X.data.length > 0 ? Array.from({ length: 40 }, (_, i) => [X.data[2 * i]!, X.data[2 * i + 1]!]) : [],
    );
    const svg = await rendered(plotDendrogram(tree, { truncate: 10 }));
    expect(svg).toContain('merge height');
  });
  it('plotCondensedTree: one bar per cluster, the segments coloured', async () => {
    const hdbscan = new HDBSCAN({ minClusterSize: 15 }).fit(X);
    const spec = plotCondensedTree(hdbscan, { names });
    const svg = await rendered(spec);
    expect(svg).toContain('λ = 1 / distance');
    const bars = (spec.layer as { data: { values: { segment: string; x: number; x2: number }[] } }[])[0]!.data.values;
    expect(bars.filter((b) => (b as { selected?: boolean }).selected).length).toBe(hdbscan.nClusters);
    for (const b of bars) expect(b.x >= 0 && b.x2 <= 300 && b.x2 > b.x).toBe(true);
  });
  it('plotReachability: one bar per customer in cluster order, the eps cut as a rule', async () => {
    const optics = new OPTICS({ minSamples: 10 }).fit(X);
    const spec = plotReachability(optics, { eps: 0.5 });
    const svg = await rendered(spec);
    expect(svg).toContain('reachability distance');
    expect((spec.layer as { data: { values: unknown[] } }[])[0]!.data.values.length).toBe(300);
  });
  const log = makeTransactions({ nCustomers: 300, seed: 5 });
  const scored = rfmScore(rfmTable(log));
  it('plotRfmGrid: customers and revenue share per cell', async () => {
    const spec = plotRfmGrid(scored);
    const svg = await rendered(spec);
    expect(svg).toContain('share of revenue');
    const cells = (spec.data as { values: { customers: number; revenueShare: number }[] }).values;
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(scored.length);
    expect(cells.reduce((s, c) => s + c.revenueShare, 0)).toBeCloseTo(1, 12);
  });
  it('plotProfiles: Cohen’s d per segment and feature', async () => {
    const profile = profileSegments(
      scored.map((r) => ({ recency: r.recency, frequency: r.frequency, monetary: r.monetary })),
      model.predict(X).slice(0, scored.length),
    );
    const svg = await rendered(plotProfiles(profile));
    expect(svg).toContain('monetary');
  });
  it('plotDrift: PSI per column with its bands', async () => {
    const reference = { spend: Array.from({ length: 200 }, (_, i) => i), visits: Array.from({ length: 200 }, (_, i) => i % 7) };
    const current = { spend: Array.from({ length: 200 }, (_, i) => i * 1.5), visits: Array.from({ length: 200 }, (_, i) => i % 7) };
    const svg = await rendered(plotDrift(driftReport(reference, current)));
    expect(svg).toContain('Drift: 1 of 2 columns');
  });
  it('plotTransitions: from × to shares with counts', async () => {
    const moves = segmentTransitions({ a: 'Loyal', b: 'Loyal', c: 'New', d: 'New' }, { a: 'Loyal', b: 'New', c: 'New', d: 'Lapsed' });
    const svg = await rendered(plotTransitions(moves));
    expect(svg).toContain('before');
  });
  it('plotClv: value per segment, horizon and period in the title', async () => {
    const clv = customerLifetimeValue(
      { expectedPurchases: (t: number) => t / 10 },
      { expectedAverageValue: () => 50 },
      [
        { frequency: 1, recency: 2, T: 5, monetaryValue: 40 },
        { frequency: 0, recency: 0, T: 5, monetaryValue: 0 },
      ],
      { horizon: 52, labels: ['Loyal', 'New'], period: 'week' },
    );
    const svg = await rendered(plotClv(clv));
    expect(svg).toContain('over 52 weeks');
  });
});

describe('chart builders refuse what they cannot draw, with the fix', () => {
  it('typed errors', async () => {
    expect(() => plotSegments([[1, 2, 3]], [0])).toThrow(/2 columns/);
    expect(() => plotSegments([[1, 2]], [0, 1])).toThrow(SegmentkitError);
    expect(() => plotChooseK({} as never)).toThrow(/chooseK/);
    expect(() => plotRfmGrid([{ recency: 1 }] as never)).toThrow(/score the table with rfmScore/);
    expect(() => plotClv({ perSegment: [] } as never)).toThrow(/with labels/);
    expect(() => plotSegments([[1, 2]], [0], { colour: 'red' } as never)).toThrow(/colour/);
    await expect(toSvg(null as never)).rejects.toThrow(/Vega-Lite spec/);
    await expect(toSvg({ $schema: 'x', mark: 'nonsense' } as never)).rejects.toThrow(SegmentkitError);
  });
});
