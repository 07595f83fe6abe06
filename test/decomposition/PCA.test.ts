// Unit tests of internals too: centredCrossProduct, centredQRFactor, jacobiEigen, jacobiSVD, flipSigns, choosePCASolver, … (imported from src/, not part of the public API).
import fc from 'fast-check';
import { createRng, makeBlobs, type Matrix, matrixToArrays, PCA, PCAModel, type PCAProgress } from 'segmentkit';
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { centredCrossProduct } from '../../src/decomposition/centredCrossProduct';
import { centredQRFactor } from '../../src/decomposition/centredQRFactor';
import { jacobiEigen } from '../../src/decomposition/jacobiEigen';
import { jacobiSVD } from '../../src/decomposition/jacobiSVD';
import { flipSigns } from '../../src/decomposition/flipSigns';
import { choosePCASolver } from '../../src/decomposition/PCA';
import { permutedLowerFactor } from '../../src/decomposition/randomizedRange';
import { symmetricEigen } from '../../src/decomposition/symmetricEigen';
import { thinSVD } from '../../src/decomposition/thinSVD';
import { tridiagonalEigen } from '../../src/decomposition/tridiagonalEigen';
import { expectSegmentkitError } from '../helpers/expectError';

/**
 * n rows whose principal standard deviations are `scales` (well separated), rotated by a random Householder
 * reflection and shifted, so no component is axis-aligned.
 */
function spectrumData(seed: number, n: number, scales: readonly number[], shift = 5): number[][] {
  const rng = createRng(seed);
  const d = scales.length;
  const v = Array.from({ length: d }, () => rng.normal());
  const norm = Math.hypot(...v);
  const u = v.map((x) => x / norm);
  return Array.from({ length: n }, () => {
    const z = scales.map((s) => s * rng.normal());
    const dot = z.reduce((acc, x, j) => acc + x * u[j]!, 0);
    return z.map((x, j) => x - 2 * dot * u[j]! + shift * (j + 1));
  });
}

const X = spectrumData(1, 200, [4, 2, 1, 0.5, 0.25]);

function covariance(rows: number[][]): number[][] {
  const n = rows.length;
  const d = rows[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => rows.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / (n - 1)),
  );
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, x, i) => s + x * b[i]!, 0);
}

/** Largest |cos| between a vector of `a`'s span and the orthogonal complement of `b`'s span (0 = same subspace). */
function subspaceGap(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let worst = 0;
  for (const v of a) {
    const residual = [...v];
    for (const w of b) {
      const c = dot(v, w);
      w.forEach((x, j) => (residual[j] = residual[j]! - c * x));
    }
    worst = Math.max(worst, Math.hypot(...residual));
  }
  return worst;
}

function columnVariances(m: Matrix): number[] {
  return Array.from({ length: m.cols }, (_, j) => {
    let mean = 0;
    for (let i = 0; i < m.rows; i++) mean += m.data[i * m.cols + j]!;
    mean /= m.rows;
    let s = 0;
    for (let i = 0; i < m.rows; i++) s += (m.data[i * m.cols + j]! - mean) ** 2;
    return s / (m.rows - 1);
  });
}

describe('PCA', () => {
  it('finds unit, mutually orthogonal components whose variances are the eigenvalues of the covariance', () => {
    const model = new PCA().fit(X);
    expect(model.nComponents).toBe(5);
    expect(model.nFeatures).toBe(5);
    expect(model.nSamples).toBe(200);
    const C = covariance(X);
    model.components.forEach((v, k) => {
      expect(dot(v, v)).toBeCloseTo(1, 14);
      model.components.slice(k + 1).forEach((w) => expect(Math.abs(dot(v, w))).toBeLessThan(1e-14));
      // C v = λ v
      const Cv = C.map((row) => dot(row, v));
      Cv.forEach((x, j) => expect(x).toBeCloseTo(model.explainedVariance[k]! * v[j]!, 11));
    });
    const trace = C.reduce((s, row, j) => s + row[j]!, 0);
    expect(model.explainedVariance.reduce((a, b) => a + b, 0)).toBeCloseTo(trace, 11);
    expect(model.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    model.singularValues.forEach((s, k) => expect(s).toBeCloseTo(Math.sqrt(199 * model.explainedVariance[k]!), 10));
    expect(model.noiseVariance).toBe(0);
    expect(model.stats).toEqual({ solver: 'full', method: 'crossProduct', nPowerIterations: 0 });
    expect(model.seed).toBeNull();
  });

  it('keeps the largest-|value| entry of every component positive (ties → the lower index)', () => {
    const model = new PCA().fit(spectrumData(9, 100, [3, 2, 1], -4));
    for (const v of model.components) {
      const abs = v.map(Math.abs);
      expect(v[abs.indexOf(Math.max(...abs))]!).toBeGreaterThan(0);
    }
    // a tie in |value| goes to the lower index
    const rows = Float64Array.from([0.6, -0.6, 0.2, -0.6, 0.6, 0.2, -0.1, 0.3, -0.3]);
    flipSigns(rows, 3, 3);
    expect(Array.from(rows)).toEqual([0.6, -0.6, 0.2, 0.6, -0.6, -0.2, -0.1, 0.3, -0.3]);
  });

  it('noiseVariance is the mean variance of the discarded directions', () => {
    const all = new PCA().fit(X);
    const two = new PCA({ nComponents: 2 }).fit(X);
    const rest = all.explainedVariance.slice(2);
    expect(two.noiseVariance).toBeCloseTo(rest.reduce((a, b) => a + b, 0) / 3, 12);
    expect(two.explainedVariance).toEqual(all.explainedVariance.slice(0, 2));
  });

  it('a fraction keeps the fewest components whose ratios sum past it', () => {
    const all = new PCA().fit(X);
    let cumulative = 0;
    const expected = all.explainedVarianceRatio.findIndex((r) => (cumulative += r) > 0.95) + 1;
    const model = new PCA({ nComponents: 0.95 }).fit(X);
    expect(model.nComponents).toBe(expected);
    expect(model.params.nComponents).toBe(0.95);
    expect(model.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.95);
    expect(new PCA({ nComponents: 0.01 }).fit(X).nComponents).toBe(1);
  });

  it('transform centres and projects: the scores have the explained variances, uncorrelated; whitening makes them 1', () => {
    const model = new PCA({ nComponents: 3 }).fit(X);
    const scores = model.transform(X);
    expect(scores.cols).toBe(3);
    columnVariances(scores).forEach((v, k) => expect(v).toBeCloseTo(model.explainedVariance[k]!, 10));
    const white = new PCA({ nComponents: 3, whiten: true }).fit(X);
    expect(white.whiten).toBe(true);
    columnVariances(white.transform(X)).forEach((v) => expect(v).toBeCloseTo(1, 12));
    const rows = matrixToArrays(white.transform(X));
    expect(Math.abs(rows.reduce((s, r) => s + r[0]! * r[1]!, 0))).toBeLessThan(1e-9);
  });

  it('inverseTransform maps scores back; with every component it reproduces X, with fewer it projects', () => {
    for (const whiten of [false, true]) {
      const model = new PCA({ whiten }).fit(X);
      const back = matrixToArrays(model.inverseTransform(model.transform(X)));
      back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(X[i]![j]!, 11)));
    }
    const two = new PCA({ nComponents: 2 }).fit(X);
    const projected = two.inverseTransform(two.transform(X));
    // projecting twice changes nothing
    const again = two.inverseTransform(two.transform(projected));
    again.data.forEach((v, i) => expect(v).toBeCloseTo(projected.data[i]!, 11));
  });

  it('loadings list every feature per component by decreasing |weight|', () => {
    const model = new PCA({ nComponents: 2 }).fit(X);
    const names = ['recency', 'frequency', 'monetary', 'tenure', 'returns'];
    const loadings = model.loadings(names);
    expect(loadings).toHaveLength(2);
    loadings.forEach((c, k) => {
      expect(c.component).toBe(k);
      expect(c.explainedVarianceRatio).toBe(model.explainedVarianceRatio[k]);
      expect(c.loadings.map((l) => l.feature).sort()).toEqual([...names].sort());
      const weights = c.loadings.map((l) => Math.abs(l.weight));
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      c.loadings.forEach((l) => expect(l.weight).toBe(model.components[k]![names.indexOf(l.feature)]));
    });
    expect(
      model
        .loadings()[0]!
        .loadings.map((l) => l.feature)
        .sort(),
    ).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expectSegmentkitError(() => model.loadings(['a', 'b']), 'E_SHAPE', /5 features/);
  });

  it('works on wide data (more features than rows): n − 1 non-zero variances', () => {
    const wide = spectrumData(4, 8, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5, 0.4, 0.3]);
    const model = new PCA().fit(wide);
    expect(model.nComponents).toBe(8);
    expect(model.explainedVariance[7]!).toBeLessThan(1e-12 * model.explainedVariance[0]!);
    expect(model.stats.method).toBe('householderQR');
    // the components are still a complete orthonormal set, including the zero-variance one
    model.components.forEach((v, k) => model.components.forEach((w, l) => expect(dot(v, w)).toBeCloseTo(k === l ? 1 : 0, 13)));
    const few = new PCA({ nComponents: 3 }).fit(wide);
    expect(few.stats.method).toBe('gram');
    few.explainedVariance.forEach((v, k) => expect(v / model.explainedVariance[k]!).toBeCloseTo(1, 12));
    expect(subspaceGap(few.components, model.components.slice(0, 3))).toBeLessThan(1e-10);
  });

  it('falls back to Householder QR when the variances span more than 1e5, and stays accurate', () => {
    const spread = spectrumData(6, 300, [1, 1e-1, 1e-2, 1e-3, 1e-4]);
    const model = new PCA().fit(spread);
    expect(model.stats.method).toBe('householderQR');
    // the exact variances: eigenvalues of the covariance computed in extended care (two-pass, per pair)
    const C = covariance(spread);
    model.components.forEach((v, k) => {
      const Cv = C.map((row) => dot(row, v));
      const rayleigh = dot(v, Cv);
      expect(Math.abs(rayleigh - model.explainedVariance[k]!) / model.explainedVariance[k]!).toBeLessThan(1e-7);
    });
    expect(new PCA({ nComponents: 2 }).fit(spread).stats.method).toBe('crossProduct'); // variances ≥ 1e-2, noise ≈ 3e-5
    expect(new PCA({ nComponents: 4 }).fit(spread).stats.method).toBe('householderQR'); // the 4th variance is 1e-6
    expect(new PCA({ nComponents: 2 }).fit(spectrumData(6, 300, [1, 0.5, 0.2, 0.1, 0.05])).stats.method).toBe('crossProduct');
  });

  it('handles a rank-deficient matrix (noise variance numerically zero) and whitening of a zero-variance direction', () => {
    const base = spectrumData(8, 50, [3, 1]);
    const rows = base.map(([a, b]) => [a!, b!, a! + b!, 2 * a! - b!]);
    const model = new PCA({ nComponents: 2 }).fit(rows);
    expect(model.noiseVariance).toBeLessThan(1e-20);
    const white = new PCA({ whiten: true }).fit(rows);
    expect(white.explainedVariance[3]!).toBeLessThan(1e-20);
    white.transform(rows).data.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  });

  it('data offset far from zero gives the same variances as centred data', () => {
    const moved = X.map((r) => r.map((v) => v + 1e6));
    const a = new PCA().fit(X);
    const b = new PCA().fit(moved);
    b.explainedVariance.forEach((v, k) => expect(Math.abs(v - a.explainedVariance[k]!) / a.explainedVariance[k]!).toBeLessThan(1e-9));
  });

  it('extreme magnitudes neither overflow nor underflow (exact power-of-two rescaling)', () => {
    for (const c of [1e-150, 1e150]) {
      const model = new PCA().fit(X.map((r) => r.map((v) => v * c)));
      const base = new PCA().fit(X);
      model.explainedVariance.forEach((v, k) => expect(v / (c * c) / base.explainedVariance[k]!).toBeCloseTo(1, 12));
      model.components.forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(base.components[k]![j]!, 12)));
    }
  });

  it('constant data has zero variance everywhere, ratios 0 and no NaN', () => {
    const model = new PCA().fit([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(model.explainedVariance).toEqual([0, 0]);
    expect(model.explainedVarianceRatio).toEqual([0, 0]);
    expect(
      Array.from(
        model.transform([
          [1, 2],
          [3, 2],
        ]).data,
      ).every(Number.isFinite),
    ).toBe(true);
    const wide = new PCA().fit([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(wide.explainedVariance).toEqual([0, 0]);
    wide.components.forEach((v, k) => wide.components.forEach((w, l) => expect(dot(v, w)).toBeCloseTo(k === l ? 1 : 0, 14)));
  });

  it('one feature: the single component is [1]', () => {
    const model = new PCA().fit([[1], [3], [5]]);
    expect(model.components).toEqual([[1]]);
    expect(model.explainedVariance).toEqual([4]);
  });

  it('reports progress and aborts between blocks with E_ABORTED', () => {
    const big = makeBlobs({ nSamples: 20_000, nFeatures: 4, centers: 3, seed: 1 }).X;
    const events: PCAProgress[] = [];
    new PCA().fit(big, { onProgress: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ stage: 'crossProduct', completed: 20_000, total: 20_000 });
    const controller = new AbortController();
    expectSegmentkitError(
      () => new PCA().fit(big, { signal: controller.signal, onProgress: () => controller.abort() }),
      'E_ABORTED',
      /PCA\.fit: aborted/,
    );
    const randomizedEvents: PCAProgress[] = [];
    new PCA({ nComponents: 2, svdSolver: 'randomized', nPowerIterations: 3, seed: 1 }).fit(big, {
      onProgress: (e) => randomizedEvents.push(e),
    });
    expect(randomizedEvents.map((e) => e.completed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(randomizedEvents.every((e) => e.stage === 'rangeFinder' && e.total === 8)).toBe(true);
  });

  it('never writes to the caller’s data', () => {
    const rows = X.map((r) => [...r]);
    const data = Float64Array.from(X.flat());
    const copy = Float64Array.from(data);
    for (const svdSolver of ['full', 'randomized'] as const) {
      new PCA({ nComponents: 2, svdSolver, seed: 0 }).fit(rows);
      new PCA({ nComponents: 2, svdSolver, seed: 0 }).fit({ data, rows: 200, cols: 5 });
    }
    new PCA().fit(spectrumData(6, 300, [1, 1e-1, 1e-2, 1e-3, 1e-4])); // the QR route too
    expect(rows).toEqual(X);
    expect(data).toEqual(copy);
  });

  it('prints a compact REPL summary and a Jupyter HTML table', () => {
    const model = new PCA({ nComponents: 1 }).fit([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(inspect(model)).toBe(
      'PCAModel { nComponents: 1, nFeatures: 2, nSamples: 3, explained: 100.0 %, whiten: false, method: householderQR, ratios: [1] }',
    );
    const display = (model as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!();
    expect(display['text/html']).toContain('<th>top features</th>');
    expect(display['text/html']).toContain('+x0 +x1');
  });

  describe('validation', () => {
    it('rejects bad hyper-parameters with E_PARAM', () => {
      for (const nComponents of [0, -1, 1.5, 1, NaN, Infinity]) {
        if (nComponents === 1) continue;
        expectSegmentkitError(() => new PCA({ nComponents }), 'E_PARAM', /nComponents must be an integer ≥ 1/);
      }
      expectSegmentkitError(() => new PCA({ nComponents: '2' as unknown as number }), 'E_PARAM');
      expectSegmentkitError(() => new PCA({ whiten: 'yes' as unknown as boolean }), 'E_PARAM', /whiten/);
      expectSegmentkitError(() => new PCA({ svdSolver: 'arpack' as 'full' }), 'E_PARAM', /svdSolver/);
      expectSegmentkitError(() => new PCA({ nOversamples: -1 }), 'E_PARAM', /nOversamples/);
      expectSegmentkitError(() => new PCA({ nPowerIterations: 1.5 }), 'E_PARAM', /nPowerIterations/);
      expectSegmentkitError(() => new PCA({ powerIterationNormalizer: 'qr' as 'QR' }), 'E_PARAM', /powerIterationNormalizer/);
      expectSegmentkitError(() => new PCA({ nComponents: 0.9, svdSolver: 'randomized' }), 'E_PARAM', /fraction/);
      expectSegmentkitError(() => new PCA({ nComponent: 2 } as never), 'E_PARAM', /did you mean 'nComponents'/);
      expectSegmentkitError(() => new PCA({ seed: NaN }), 'E_PARAM', /seed/);
      expectSegmentkitError(() => new PCA().fit(X, { sampleWeight: [] } as never), 'E_PARAM', /sampleWeight/);
    });

    it('rejects nComponents above min(n, d), fewer than 2 rows, NaN, and wrong shapes', () => {
      expectSegmentkitError(() => new PCA({ nComponents: 6 }).fit(X), 'E_PARAM', /at most min\(n, d\) = 5/);
      expectSegmentkitError(() => new PCA({ nComponents: 3 }).fit(X.slice(0, 2)), 'E_PARAM', /min\(n, d\) = 2/);
      expectSegmentkitError(() => new PCA().fit([[1, 2]]), 'E_EMPTY', /at least 2/);
      expectSegmentkitError(
        () =>
          new PCA().fit([
            [1, 2],
            [3, NaN],
          ]),
        'E_NOT_FINITE',
        /X\[1\]\[1\]/,
      );
      const model = new PCA({ nComponents: 2 }).fit(X);
      expectSegmentkitError(() => model.transform([[1, 2, 3]]), 'E_SHAPE', /3 columns/);
      expectSegmentkitError(() => model.inverseTransform([[1, 2, 3]]), 'E_SHAPE', /2 components/);
      expectSegmentkitError(() => model.transform([[1, 2, 3, 4, Infinity]]), 'E_NOT_FINITE');
    });

    it('aborts before any work when the signal has already fired', () => {
      const controller = new AbortController();
      controller.abort();
      expectSegmentkitError(() => new PCA().fit(X, { signal: controller.signal }), 'E_ABORTED');
    });
  });

  describe('JSON', () => {
    it('round-trips every field and gives the same transform', () => {
      const model = new PCA({ nComponents: 3, whiten: true }).fit(X);
      const restored = PCAModel.fromJSON(JSON.parse(JSON.stringify(model)));
      expect(restored.toJSON()).toEqual(model.toJSON());
      expect(restored.transform(X)).toEqual(model.transform(X));
      expect(Object.isFrozen(restored)).toBe(true);
      expect(Object.isFrozen(restored.components[0])).toBe(true);
      const fraction = new PCA({ nComponents: 0.5 }).fit(X);
      expect(PCAModel.fromJSON(fraction.toJSON()).params.nComponents).toBe(0.5);
    });

    it('rejects malformed fields with E_MODEL naming them', () => {
      const json = new PCA({ nComponents: 2 }).fit(X).toJSON();
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, explainedVariance: [1, -1] }), 'E_MODEL', /explainedVariance/);
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, mean: [1, 2] }), 'E_MODEL', /mean/);
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, nSamples: 1 }), 'E_MODEL', /nSamples/);
      expectSegmentkitError(
        () =>
          PCAModel.fromJSON({
            ...json,
            nSamples: 2,
            components: [json.components[0]!, json.components[1]!, json.components[0]!],
            explainedVariance: [1, 1, 1],
            explainedVarianceRatio: [1, 1, 1],
            singularValues: [1, 1, 1],
          }),
        'E_MODEL',
        /min\(nSamples, nFeatures\)/,
      );
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, seed: undefined }), 'E_MODEL', /seed/);
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, params: { ...json.params, nComponents: 1.5 } }), 'E_MODEL', /nComponents/);
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, params: { ...json.params, svdSolver: 'arpack' } }), 'E_MODEL', /svdSolver/);
      expectSegmentkitError(() => PCAModel.fromJSON({ ...json, stats: { ...json.stats, method: 'magic' } }), 'E_MODEL', /method/);
    });
  });

  describe('randomized solver', () => {
    const blobs = matrixToArrays(makeBlobs({ nSamples: 2000, nFeatures: 40, centers: 6, clusterStd: 1.5, seed: 3 }).X);
    const exact = new PCA({ nComponents: 5, svdSolver: 'full' }).fit(blobs);

    it('agrees with the full solver: explained variances close, subspace angle small', () => {
      for (const powerIterationNormalizer of ['auto', 'LU', 'QR', 'none'] as const) {
        const model = new PCA({ nComponents: 5, svdSolver: 'randomized', powerIterationNormalizer, seed: 11 }).fit(blobs);
        expect(model.stats).toEqual({ solver: 'randomized', method: 'randomized', nPowerIterations: 4 }); // 5 ≥ 0.1 · 40
        model.explainedVariance.forEach((v, k) =>
          expect(Math.abs(v - exact.explainedVariance[k]!) / exact.explainedVariance[k]!).toBeLessThan(1e-8),
        );
        expect(subspaceGap(model.components, exact.components)).toBeLessThan(1e-5);
        expect(Math.abs(model.noiseVariance - exact.noiseVariance) / exact.noiseVariance).toBeLessThan(1e-8);
      }
    });

    it('is seeded: the same seed gives the same model, the seed is reported, and one is drawn when none is given', () => {
      const a = new PCA({ nComponents: 3, svdSolver: 'randomized', nPowerIterations: 1, seed: 'customers' }).fit(blobs);
      const b = new PCA({ nComponents: 3, svdSolver: 'randomized', nPowerIterations: 1, seed: 'customers' }).fit(blobs);
      expect(a.toJSON()).toEqual(b.toJSON());
      expect(a.seed).toBe('customers');
      const drawn = new PCA({ nComponents: 3, svdSolver: 'randomized', nPowerIterations: 1 }).fit(blobs);
      expect(typeof drawn.seed).toBe('number');
      expect(new PCA({ nComponents: 3, svdSolver: 'randomized', nPowerIterations: 1, seed: drawn.seed! }).fit(blobs).toJSON()).toEqual(
        drawn.toJSON(),
      );
    });

    it('works on wide data (sketches the row space) and with zero power iterations', () => {
      const wide = spectrumData(
        12,
        30,
        Array.from({ length: 60 }, (_, j) => 10 / (j + 1)),
      );
      const full = new PCA({ nComponents: 4, svdSolver: 'full' }).fit(wide);
      const model = new PCA({ nComponents: 4, svdSolver: 'randomized', seed: 2 }).fit(wide);
      model.explainedVariance.forEach((v, k) => expect(v / full.explainedVariance[k]!).toBeCloseTo(1, 3));
      expect(subspaceGap(model.components, full.components)).toBeLessThan(0.05);
      const rough = new PCA({ nComponents: 2, svdSolver: 'randomized', nPowerIterations: 0, seed: 2 }).fit(blobs);
      expect(rough.explainedVariance[0]! / exact.explainedVariance[0]!).toBeGreaterThan(0.9);
    });

    it("'auto' runs the full solver unless the randomized one needs under a third of the work", () => {
      expect(choosePCASolver(100_000, 32, 5, 10, 'auto')).toBe('full');
      expect(choosePCASolver(20_000, 200, 5, 10, 'auto')).toBe('full');
      expect(choosePCASolver(400, 300, 2, 10, 'auto')).toBe('full'); // small problem
      expect(choosePCASolver(20_000, 2000, 5, 10, 'auto')).toBe('randomized');
      expect(choosePCASolver(20_000, 2000, undefined, 10, 'auto')).toBe('full');
      expect(choosePCASolver(20_000, 2000, 0.9, 10, 'auto')).toBe('full');
      expect(new PCA({ nComponents: 2 }).fit(blobs).stats.solver).toBe('full');
    });
  });

  describe('invariants (property tests)', () => {
    const small = spectrumData(21, 40, [5, 2.5, 1.2, 0.6]);
    const base = new PCA().fit(small);

    it('permuting the rows leaves the model unchanged', () => {
      fc.assert(
        fc.property(fc.nat(), (seed) => {
          const order = createRng(seed).permutation(small.length);
          const model = new PCA().fit(Array.from(order, (i) => small[i]!));
          model.explainedVariance.forEach((v, k) =>
            expect(Math.abs(v - base.explainedVariance[k]!) / base.explainedVariance[k]!).toBeLessThan(1e-12),
          );
          model.components.forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(base.components[k]![j]!, 10)));
          model.mean.forEach((v, j) => expect(v).toBeCloseTo(base.mean[j]!, 12));
        }),
        { numRuns: 30 },
      );
    });

    it('transform then inverseTransform with every component reproduces X', () => {
      fc.assert(
        fc.property(fc.nat(), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (seed, n, d, whiten) => {
          const rng = createRng(seed);
          const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal(0, 1 + rng.uniform() * 10)));
          const model = new PCA({ whiten }).fit(rows);
          if (whiten && model.explainedVariance.some((v) => v < 1e-8 * model.explainedVariance[0]!)) return; // whitening a null direction is not invertible
          const back = model.inverseTransform(model.transform(rows));
          const scale = Math.max(...rows.flat().map(Math.abs));
          rows.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(back.data[i * d + j]! - v)).toBeLessThan(1e-10 * scale)));
        }),
        { numRuns: 60 },
      );
    });

    it('scaling X by c scales the explained variances by c² and leaves ratios and components unchanged', () => {
      fc.assert(
        fc.property(fc.double({ min: 0.001, max: 1000, noNaN: true }), (c) => {
          const model = new PCA().fit(small.map((r) => r.map((v) => v * c)));
          model.explainedVariance.forEach((v, k) =>
            expect(Math.abs(v / (c * c) - base.explainedVariance[k]!) / base.explainedVariance[k]!).toBeLessThan(1e-12),
          );
          model.explainedVarianceRatio.forEach((v, k) => expect(v).toBeCloseTo(base.explainedVarianceRatio[k]!, 13));
          model.components.forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(base.components[k]![j]!, 10)));
        }),
        { numRuns: 30 },
      );
    });

    it('translating X changes only the mean', () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 4, maxLength: 4 }), (shift) => {
          const model = new PCA().fit(small.map((r) => r.map((v, j) => v + shift[j]!)));
          model.explainedVariance.forEach((v, k) =>
            expect(Math.abs(v - base.explainedVariance[k]!) / base.explainedVariance[k]!).toBeLessThan(1e-9),
          );
          model.mean.forEach((v, j) => expect(v - shift[j]!).toBeCloseTo(base.mean[j]!, 8));
        }),
        { numRuns: 30 },
      );
    });
  });
});

describe('numeric kernels of the decomposition', () => {
  const rng = createRng(5);
  const random = (rows: number, cols: number): Float64Array => Float64Array.from({ length: rows * cols }, () => rng.normal());

  function symmetric(n: number): Float64Array {
    const A = random(3 * n, n);
    const C = new Float64Array(n * n);
    for (let i = 0; i < 3 * n; i++)
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) C[j * n + k] = C[j * n + k]! + A[i * n + j]! * A[i * n + k]!;
    return C;
  }

  it('jacobiEigen and tridiagonalEigen solve C v = λ v with orthonormal v, and agree', () => {
    for (const n of [1, 2, 3, 7, 12, 33]) {
      const C = symmetric(n);
      const results = [jacobiEigen(C, n), tridiagonalEigen(C, n)];
      for (const { values, vectors } of results) {
        for (let k = 0; k < n; k++) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += C[i * n + j]! * vectors[k * n + j]!;
            expect(Math.abs(s - values[k]! * vectors[k * n + i]!)).toBeLessThan(
              1e-12 * n * Math.abs(values.reduce((a, b) => Math.max(a, Math.abs(b)), 0)),
            );
          }
          for (let l = 0; l < n; l++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += vectors[k * n + j]! * vectors[l * n + j]!;
            expect(s).toBeCloseTo(k === l ? 1 : 0, 13);
          }
        }
      }
      const sorted = results.map((r) => Array.from(r.values).sort((a, b) => a - b));
      sorted[0]!.forEach((v, i) => expect(v).toBeCloseTo(sorted[1]![i]!, 10));
      const eigen = symmetricEigen(C, n);
      expect(Array.from(eigen.values)).toEqual([...eigen.values].sort((a, b) => b - a));
    }
  });

  it('thinSVD (tall and wide) and the streaming QR factor give the singular values of the matrix', () => {
    for (const [m, n] of [
      [9, 4],
      [4, 9],
      [5, 5],
      [300, 7],
    ] as const) {
      const A = random(m, n);
      const svd = thinSVD(A, m, n);
      const p = Math.min(m, n);
      expect(svd.values).toHaveLength(p);
      // ‖A v‖ = σ and the vectors are orthonormal
      for (let k = 0; k < p; k++) {
        let norm = 0;
        for (let i = 0; i < m; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += A[i * n + j]! * svd.vectors[k * n + j]!;
          norm += s * s;
        }
        expect(Math.sqrt(norm)).toBeCloseTo(svd.values[k]!, 12);
        for (let l = 0; l < p; l++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += svd.vectors[k * n + j]! * svd.vectors[l * n + j]!;
          expect(s).toBeCloseTo(k === l ? 1 : 0, 13);
        }
      }
    }
    // streaming R of the centred data vs the cross-product eigenvalues
    const X = { data: random(1000, 6), rows: 1000, cols: 6 };
    const mean = new Float64Array(6);
    const R = centredQRFactor(X, mean, 1);
    const viaR = jacobiSVD(R, 6, 6).values.map((s) => s * s);
    const viaC = symmetricEigen(centredCrossProduct(X, mean, 1), 6).values;
    viaR.forEach((v, k) => expect(v / viaC[k]!).toBeCloseTo(1, 12));
  });

  it("permutedLowerFactor returns scipy's P·L: unit lower-triangular rows at the pivots, multipliers ≤ 1 elsewhere", () => {
    const Y = Float64Array.from([2, 1, 4, 3, 1, 1, 8, 2, 3, 9]); // 5 × 2
    const L = permutedLowerFactor(Float64Array.from(Y), 5, 2);
    // column 0 pivots on row 3 (8), column 1 on the row with the largest remaining entry
    expect(L[3 * 2]).toBe(1);
    expect(L[3 * 2 + 1]).toBe(0);
    Array.from(L).forEach((v) => expect(Math.abs(v)).toBeLessThanOrEqual(1));
    expect(L.filter((v) => v === 1).length).toBeGreaterThanOrEqual(2);
  });
});
