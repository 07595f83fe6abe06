import { describe, expect, it } from 'vitest';
import { createRng, DriftMonitor, driftReport, type DriftReport, segmentDrift } from 'segmentkit';

import { inspect } from 'node:util';

import { expectSegmentkitError } from '../helpers/expectError';

import { closeTo, driftReference as ref, type ReportCase } from './driftReference';

function records(columns: ReportCase['reference']): Record<string, number | string | null>[] {
  const names = Object.keys(columns);
  return Array.from({ length: columns[names[0]!]!.length }, (_, i) => Object.fromEntries(names.map((n) => [n, columns[n]![i]!])));
}

function expectSameReport(actual: DriftReport, expected: DriftReport, rtol: number): void {
  expect(actual.columns.map((c) => [c.column, c.test, c.drifted, c.missing])).toEqual(
    expected.columns.map((c) => [c.column, c.test, c.drifted, c.missing]),
  );
  actual.columns.forEach((c, j) => {
    const e = expected.columns[j]!;
    expect(closeTo(c.statistic!, e.statistic!, rtol), `${c.column} statistic ${c.statistic} vs ${e.statistic}`).toBe(true);
    expect(closeTo(c.psi!, e.psi!, rtol), `${c.column} psi`).toBe(true);
    if (e.pValue !== null) expect(closeTo(c.pValue!, e.pValue, rtol), `${c.column} p`).toBe(true);
  });
  expect(actual.datasetDrift).toBe(expected.datasetDrift);
}

const small = ref.driftReport[0]!;
const smallReference = records(small.reference);
const smallCurrent = records(small.current);

describe('DriftMonitor on a small reference (KS and chi-square)', () => {
  it('with every column exact (compression above the distinct values), check(batch) equals driftReport', () => {
    const monitor = DriftMonitor.fromReference(smallReference, { compression: 1000 });
    expectSameReport(monitor.check(smallCurrent).report, driftReport(smallReference, smallCurrent), 1e-12);
  });

  it('at the default compression the statistics still match scipy: KS within π/500, PSI and chi-square exact', () => {
    const monitor = DriftMonitor.fromReference(smallReference);
    const { report } = monitor.check(smallCurrent);
    report.columns.forEach((c, j) => {
      const e = small.columns[j]!;
      expect(c.missing.referenceCount).toBe(e.referenceMissing);
      expect(closeTo(c.psi!, e.psi, 1e-9)).toBe(true);
      if (e.ks) expect(Math.abs(c.statistic! - e.ks.statistic)).toBeLessThan(Math.PI / 500);
      if (e.chiSquare) expect(closeTo(c.pValue!, e.chiSquare.pValue, 1e-8)).toBe(true);
    });
  });

  it('merging three partitions: categorical, missing and low-cardinality numeric columns stay exact', () => {
    const parts = [0, 1, 2].map((p) =>
      DriftMonitor.fromReference(
        smallReference.filter((_, i) => i % 3 === p),
        { compression: 1000 },
      ),
    );
    const merged = DriftMonitor.merge(...parts);
    expect(merged.referenceRows).toBe(smallReference.length);
    expect(merged.partitions).toBe(3);
    const whole = DriftMonitor.fromReference(smallReference, { compression: 1000 });
    expectSameReport(merged.check(smallCurrent).report, whole.check(smallCurrent).report, 1e-9);
  });
});

const rng = createRng(7);
const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform() || 1e-300)) * Math.cos(2 * Math.PI * rng.uniform());
function customers(n: number, shift: number): { spend: number; tenure: number; visits: number; channel: string }[] {
  return Array.from({ length: n }, () => ({
    spend: Math.round(Math.exp(3.5 + 0.8 * normal() + shift) * 100) / 100,
    tenure: 24 + 6 * normal() + 10 * shift,
    visits: Math.floor(rng.uniform() * 12),
    channel: rng.uniform() < 0.5 + shift ? 'online' : 'store',
  }));
}

describe('DriftMonitor on a large reference (sketched columns)', () => {
  const reference = customers(30_000, 0);
  const parts = [0, 1, 2].map((p) => DriftMonitor.fromReference(reference.filter((_, i) => i % 3 === p)));
  const merged = DriftMonitor.merge(...parts);
  const single = DriftMonitor.fromReference(reference);

  for (const shift of [0, 0.03, 0.2]) {
    it(`shift ${shift}: merged and single profiles agree with driftReport within the documented accuracy`, () => {
      const batch = customers(20_000, shift);
      const exact = driftReport(reference, batch);
      const tests = { spend: 'ks', tenure: 'ks' } as const;
      const exactKs = driftReport(reference, batch, { tests });
      for (const monitor of [single, merged]) {
        const { report } = monitor.check(batch);
        report.columns.forEach((c, j) => {
          const e = exact.columns[j]!;
          expect(c.test).toBe(e.test);
          if (c.type === 'categorical' || c.column === 'visits') expect(closeTo(c.statistic!, e.statistic!, 1e-12)).toBe(true);
          else expect(Math.abs(c.statistic! - e.statistic!), `${c.column} normalised Wasserstein`).toBeLessThan(0.002);
          expect(Math.abs(c.psi! - e.psi!), `${c.column} PSI`).toBeLessThan(monitor === single ? 1e-12 : 0.005);
        });
        const sketchedKs = DriftMonitor.fromJSON({ ...monitor.toJSON(), settings: { ...monitor.toJSON().settings, tests } }).check(
          batch,
        ).report;
        for (const name of ['spend', 'tenure']) {
          const a = sketchedKs.columns.find((c) => c.column === name)!;
          const b = exactKs.columns.find((c) => c.column === name)!;
          expect(Math.abs(a.statistic! - b.statistic!), `${name} KS`).toBeLessThan(Math.PI / 500);
        }
      }
    });
  }

  it('the profile is compact and row-free: its size does not grow with the reference', () => {
    const json = JSON.stringify(single);
    const bigger = JSON.stringify(DriftMonitor.fromReference(customers(90_000, 0)));
    expect(json.length).toBeLessThan(60_000);
    expect(bigger.length).toBeLessThan(json.length * 1.2);
    expect(
      JSON.parse(json).columns.every(
        (c: { type: string; sketch?: { means: number[] } }) => c.type !== 'numeric' || c.sketch!.means.length <= 500,
      ),
    ).toBe(true);
  });

  it('recommends retraining on a shifted batch and not on a fresh sample of the reference', () => {
    expect(single.check(customers(5000, 0))).toMatchObject({ status: 'stable', retrain: false });
    const shifted = single.check(customers(5000, 0.4));
    expect(shifted.retrain).toBe(true);
    expect(shifted.status).toBe('retrain');
    expect(shifted.reason).toMatch(/^Retrain: .*columns drifted/);
  });
});

describe('DriftMonitor segments, JSON, errors', () => {
  const reference = Array.from({ length: 300 }, (_, i) => ({ x: i % 17, c: i % 3 ? 'a' : 'b' }));
  const labels = reference.map((_, i) => i % 4);

  it('watches segment shares from their counts only, as segmentDrift on the labels', () => {
    const monitor = DriftMonitor.fromReference(reference, { segments: labels });
    const batchLabels = reference.map((_, i) => (i % 5 === 0 ? 3 : i % 4));
    const check = monitor.check(reference, { segments: batchLabels });
    expect(check.segments).toEqual(segmentDrift(labels, batchLabels));
    expect(monitor.check(reference).segments).toBeNull();
    const moved = monitor.check(reference, { segments: reference.map(() => 0) });
    expect(moved.retrain).toBe(true);
    expect(moved.reason).toMatch(/segment shares moved/);
  });

  it('round-trips through JSON (validated) with the same check results', () => {
    const monitor = DriftMonitor.fromReference(reference, { segments: labels, tests: { x: 'psi' }, correction: 'fdr' });
    const restored = DriftMonitor.fromJSON(JSON.parse(JSON.stringify(monitor)));
    expect(restored.toJSON()).toEqual(monitor.toJSON());
    const batch = reference.slice(0, 120);
    expect(restored.check(batch, { segments: labels.slice(0, 120) })).toEqual(monitor.check(batch, { segments: labels.slice(0, 120) }));
  });

  it('reads matrices with the column names it was built with', () => {
    const rows = reference.map((r) => [r.x, r.x * 2]);
    const monitor = DriftMonitor.fromReference(rows, { columns: ['x', 'y'] });
    expect(monitor.columns).toEqual(['x', 'y']);
    expect(monitor.check(rows.slice(0, 50)).report.columns.map((c) => c.column)).toEqual(['x', 'y']);
    expectSegmentkitError(() => monitor.check([[1, 2, 3]]), 'E_SHAPE', /batch has 3 columns but 2 column names/);
  });

  it('is immutable and prints a one-line summary', () => {
    const monitor = DriftMonitor.fromReference(reference);
    expect(Object.isFrozen(monitor)).toBe(true);
    expect(inspect(monitor)).toBe('DriftMonitor { columns: 2 (1 numeric), referenceRows: 300, partitions: 1, segments: false }');
  });

  it('fromJSON rejects other kinds and tampered profiles with E_MODEL', () => {
    const json = DriftMonitor.fromReference(reference, { segments: labels }).toJSON();
    const clone = (): Record<string, any> => JSON.parse(JSON.stringify(json));
    expectSegmentkitError(() => DriftMonitor.fromJSON({ ...clone(), kind: 'KMeansModel' }), 'E_MODEL', /expected kind 'DriftMonitor'/);
    const badCount = clone();
    badCount.columns[0].count += 1;
    expectSegmentkitError(() => DriftMonitor.fromJSON(badCount), 'E_MODEL', /count \+ missing must equal referenceRows/);
    const badCategory = clone();
    badCategory.columns[1].categories.push(['a', 1]);
    expectSegmentkitError(() => DriftMonitor.fromJSON(badCategory), 'E_MODEL', /appears twice/);
    const badThreshold = clone();
    badThreshold.settings.thresholds.ks = 5;
    expectSegmentkitError(() => DriftMonitor.fromJSON(badThreshold), 'E_MODEL', /thresholds.ks/);
    const badSketch = clone();
    badSketch.columns[0].sketch.weights[0] = -1;
    expectSegmentkitError(() => DriftMonitor.fromJSON(badSketch), 'E_MODEL', /weights\[0\] must be > 0/);
    expectSegmentkitError(() => DriftMonitor.fromJSON({ ...clone(), segments: [[0, 1.5]] }), 'E_MODEL', /positive integer/);
    expectSegmentkitError(
      () => DriftMonitor.fromJSON({ ...clone(), segments: [[0, 1]] }),
      'E_MODEL',
      /segment counts must add up to referenceRows/,
    );
    // reversed edges gave a NaN PSI that check() read as significant drift
    const badEdges = clone();
    badEdges.columns[0].bins.edges.reverse();
    expectSegmentkitError(() => DriftMonitor.fromJSON(badEdges), 'E_MODEL', /bins.edges must be non-decreasing/);
  });

  it('segments that are not an array of labels get E_SHAPE naming the option', () => {
    const monitor = DriftMonitor.fromReference(reference, { segments: labels });
    expectSegmentkitError(
      () => monitor.check(reference, { segments: 3 as unknown as number[] }),
      'E_SHAPE',
      /segments must be an array with one segment label per row/,
    );
    expectSegmentkitError(
      () => DriftMonitor.fromReference(reference, { segments: {} as unknown as number[] }),
      'E_SHAPE',
      /segments must be an array/,
    );
  });

  it('errors: merging different profiles, segments that were not profiled, label counts', () => {
    const a = DriftMonitor.fromReference(reference);
    expectSegmentkitError(
      () => DriftMonitor.merge(a, DriftMonitor.fromReference(reference, { columns: ['x'] })),
      'E_PARAM',
      /different columns/,
    );
    expectSegmentkitError(() => DriftMonitor.merge(a, DriftMonitor.fromReference(reference, { bins: 5 })), 'E_PARAM', /different settings/);
    expectSegmentkitError(
      () => DriftMonitor.merge(a, DriftMonitor.fromReference(reference, { thresholds: { psi: 0.3 } })),
      'E_PARAM',
      /different settings/,
    );
    expectSegmentkitError(
      () => DriftMonitor.merge(a, DriftMonitor.fromReference(reference, { tests: 'psi' })),
      'E_PARAM',
      /different settings/,
    );
    // the same per-column tests written in another key order are the same settings
    const xc = DriftMonitor.fromReference(reference, { tests: { x: 'psi', c: 'chi-square' } });
    const cx = DriftMonitor.fromReference(reference, { tests: { c: 'chi-square', x: 'psi' } });
    expect(DriftMonitor.merge(xc, cx).referenceRows).toBe(600);
    expectSegmentkitError(
      () => DriftMonitor.merge(a, DriftMonitor.fromReference(reference, { segments: labels })),
      'E_PARAM',
      /only one of the monitors has segment counts/,
    );
    expectSegmentkitError(() => DriftMonitor.merge(), 'E_PARAM', /at least one monitor/);
    expectSegmentkitError(() => a.check(reference, { segments: labels }), 'E_PARAM', /built without segments/);
    expectSegmentkitError(
      () => DriftMonitor.fromReference(reference, { segments: [1, 2] }),
      'E_SHAPE',
      /segments has 2 labels but the data has 300 rows/,
    );
    expectSegmentkitError(() => DriftMonitor.fromReference(reference, { compression: 5 }), 'E_PARAM', /compression/);
    expectSegmentkitError(
      () => DriftMonitor.fromReference(reference, { tests: { c: 'wasserstein' } }),
      'E_PARAM',
      /does not apply to the categorical column 'c'/,
    );
  });
});
