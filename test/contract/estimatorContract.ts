import { describe, expect, it } from 'vitest';
import { Estimator, type FitControls, type MatrixLike } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

/**
 * What an estimator registers with the shared contract suite (see registry.ts). Every estimator in segmentkit
 * must pass it: deterministic given a seed, input not mutated, frozen model, JSON round-trip validated on
 * load, E_SHAPE on a wrong column count, E_NOT_FINITE on NaN, E_ABORTED on a fired signal.
 */
export interface EstimatorContract<Model> {
  /** Display name, e.g. 'KMeans'. */
  readonly name: string;
  /** An unfitted estimator with its hyper-parameters and this seed. */
  create(seed: number): { fit(X: MatrixLike, controls?: FitControls<never>): Model };
  /** Training rows (at least a few dozen, with structure). */
  readonly X: number[][];
  /** A deterministic output of the fitted model on rows (predict, transform, …) used to compare models. */
  apply(model: Model, X: MatrixLike): unknown;
  /** The model's JSON form. */
  toJSON(model: Model): unknown;
  /** The model class's validating loader. */
  fromJSON(json: unknown): Model;
}

function cloneRows(rows: number[][]): number[][] {
  return rows.map((r) => [...r]);
}

/** Run the shared contract for one estimator. */
export function describeEstimatorContract<Model>(spec: EstimatorContract<Model>): void {
  const d = spec.X[0]!.length;
  const fit = (seed: number, X: MatrixLike = spec.X, controls?: FitControls<never>): Model => spec.create(seed).fit(X, controls);

  describe(`${spec.name} satisfies the estimator contract`, () => {
    it('is an Estimator with frozen, validated params', () => {
      const estimator = spec.create(0) as unknown;
      expect(estimator).toBeInstanceOf(Estimator);
      expect(Object.isFrozen((estimator as Estimator<object>).params)).toBe(true);
    });

    it('is deterministic for a given seed', () => {
      const a = fit(123);
      const b = fit(123);
      expect(JSON.stringify(spec.toJSON(a))).toBe(JSON.stringify(spec.toJSON(b)));
      expect(spec.apply(a, spec.X)).toEqual(spec.apply(b, spec.X));
    });

    it('does not mutate its input (arrays of rows or a Float64Array matrix)', () => {
      const rows = cloneRows(spec.X);
      const model = fit(1, rows);
      spec.apply(model, rows);
      expect(rows).toEqual(spec.X);
      const data = Float64Array.from(spec.X.flat());
      const before = Float64Array.from(data);
      const fromMatrix = fit(1, { data, rows: spec.X.length, cols: d });
      spec.apply(fromMatrix, { data, rows: spec.X.length, cols: d });
      expect(data).toEqual(before);
    });

    it('gives the same model from arrays of rows and from a row-major matrix', () => {
      const viaMatrix = fit(5, { data: Float64Array.from(spec.X.flat()), rows: spec.X.length, cols: d });
      expect(JSON.stringify(spec.toJSON(viaMatrix))).toBe(JSON.stringify(spec.toJSON(fit(5))));
    });

    it('returns a frozen (immutable) model', () => {
      expect(Object.isFrozen(fit(2))).toBe(true);
    });

    it('round-trips through JSON text and gives the same outputs', () => {
      const model = fit(3);
      const restored = spec.fromJSON(JSON.parse(JSON.stringify(spec.toJSON(model))));
      expect(JSON.stringify(spec.toJSON(restored))).toBe(JSON.stringify(spec.toJSON(model)));
      expect(spec.apply(restored, spec.X)).toEqual(spec.apply(model, spec.X));
    });

    it('rejects malformed JSON with E_MODEL', () => {
      const json = JSON.parse(JSON.stringify(spec.toJSON(fit(4)))) as Record<string, unknown>;
      expectSegmentkitError(() => spec.fromJSON(null), 'E_MODEL');
      expectSegmentkitError(() => spec.fromJSON('model'), 'E_MODEL');
      expectSegmentkitError(() => spec.fromJSON({ ...json, kind: 'SomethingElse' }), 'E_MODEL');
      expectSegmentkitError(() => spec.fromJSON({ ...json, version: 999 }), 'E_MODEL');
      for (const key of Object.keys(json).filter((k) => k !== 'kind' && k !== 'version')) {
        const broken = { ...json };
        delete broken[key];
        expectSegmentkitError(() => spec.fromJSON(broken), 'E_MODEL');
      }
    });

    it('throws E_SHAPE for rows with the wrong number of columns', () => {
      const model = fit(6);
      expectSegmentkitError(
        () =>
          spec.apply(
            model,
            spec.X.map((r) => [...r, 0]),
          ),
        'E_SHAPE',
      );
    });

    it('throws E_NOT_FINITE naming the cell when the training data has NaN', () => {
      const rows = cloneRows(spec.X);
      rows[3]![d - 1] = NaN;
      expectSegmentkitError(() => fit(7, rows), 'E_NOT_FINITE', new RegExp(`\\[3\\]\\[${d - 1}\\]`));
    });

    it('throws E_ABORTED and returns no model when the signal has fired', () => {
      const controller = new AbortController();
      controller.abort(new Error('user cancelled'));
      expectSegmentkitError(() => fit(8, spec.X, { signal: controller.signal }), 'E_ABORTED');
    });
  });
}
