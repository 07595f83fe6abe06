import { describe, expect, it } from 'vitest';
import {
  Estimator,
  featurePipeline,
  FittedFeaturePipeline,
  FittedModel,
  type FittedTransformer,
  type MatrixLike,
  type Transformer,
} from 'segmentkit';
import { expectSegmentkitError } from '../helpers/expectError';

/**
 * What a transformer (scaler, transform, imputer, encoder) registers with the shared contract suite: every one
 * in segmentkit must pass it. Deterministic, input not mutated, frozen `FittedModel`, validated JSON round trip,
 * `E_SHAPE` on a wrong column count, bad options refused, and (numeric ones) a usable featurePipeline step.
 */
export interface TransformerContract<Model extends FittedModel> {
  /** Display name, e.g. 'StandardScaler'. */
  readonly name: string;
  /** An unfitted transformer with its default options. */
  create(): { fit(X: never): Model };
  /** Construct with options that must be refused (an unknown key, a wrong type). */
  readonly badOptions: readonly unknown[];
  /** Constructor for bad options. */
  construct(options: unknown): unknown;
  /** Training rows (numbers, or categories for encoders). */
  readonly X: readonly (readonly unknown[])[];
  /** The fitted model's output on rows, for comparing models. */
  apply(model: Model, X: readonly (readonly unknown[])[]): unknown;
  /** The model class's validating loader. */
  fromJSON(json: unknown): Model;
  /** Numeric transformers: NaN in fit is E_NOT_FINITE (`'reject'`) or filled (`'fill'`, the imputer). Encoders: `undefined`. */
  readonly missing?: 'reject' | 'fill';
  /** Whether inverseTransform(transform(X)) gives X back (not for clipping or imputing). */
  readonly invertible?: boolean;
}

const clone = (rows: readonly (readonly unknown[])[]): unknown[][] => rows.map((r) => [...r]);

/** Run the shared contract for one transformer. */
export function describeTransformerContract<Model extends FittedModel>(spec: TransformerContract<Model>): void {
  const fit = (X: readonly (readonly unknown[])[] = spec.X): Model => spec.create().fit(clone(X) as never);
  const json = (model: Model): string => JSON.stringify((model as unknown as { toJSON(): unknown }).toJSON());
  const numeric = spec.missing !== undefined;

  describe(`${spec.name} satisfies the transformer contract`, () => {
    it('is deterministic and does not mutate its input', () => {
      const rows = clone(spec.X);
      const model = spec.create().fit(rows as never);
      spec.apply(model, rows);
      expect(rows).toEqual(spec.X);
      expect(json(model)).toBe(json(fit()));
      expect(spec.apply(model, spec.X)).toEqual(spec.apply(fit(), spec.X));
    });

    it('is an Estimator with frozen, validated params', () => {
      const estimator = spec.create() as unknown;
      expect(estimator).toBeInstanceOf(Estimator);
      expect(Object.isFrozen((estimator as Estimator<object>).params)).toBe(true);
    });

    it('returns a frozen FittedModel whose kind is its JSON kind', () => {
      const model = fit();
      expect(model).toBeInstanceOf(FittedModel);
      expect(Object.isFrozen(model)).toBe(true);
      expect(model.kind).toBe(JSON.parse(json(model)).kind);
      expect(model.nFeatures).toBe(spec.X[0]!.length);
    });

    it('round-trips through JSON text and rejects malformed JSON with E_MODEL', () => {
      const model = fit();
      const restored = spec.fromJSON(JSON.parse(json(model)));
      expect(json(restored)).toBe(json(model));
      expect(spec.apply(restored, spec.X)).toEqual(spec.apply(model, spec.X));
      const object = JSON.parse(json(model)) as Record<string, unknown>;
      expectSegmentkitError(() => spec.fromJSON(null), 'E_MODEL');
      expectSegmentkitError(() => spec.fromJSON({ ...object, kind: 'SomethingElse' }), 'E_MODEL');
      expectSegmentkitError(() => spec.fromJSON({ ...object, version: 999 }), 'E_MODEL');
      for (const key of Object.keys(object).filter((k) => k !== 'kind' && k !== 'version')) {
        const broken = { ...object };
        delete broken[key];
        expectSegmentkitError(() => spec.fromJSON(broken), 'E_MODEL');
      }
    });

    it('throws E_SHAPE for rows with the wrong number of columns', () => {
      expectSegmentkitError(
        () =>
          spec.apply(
            fit(),
            spec.X.map((r) => [...r, r[0]]),
          ),
        'E_SHAPE',
      );
    });

    it('refuses unknown and wrongly typed options with E_PARAM', () => {
      for (const options of spec.badOptions) expectSegmentkitError(() => spec.construct(options), 'E_PARAM');
    });

    if (numeric) {
      it(spec.missing === 'reject' ? 'throws E_NOT_FINITE naming the cell for NaN in fit' : 'fills NaN from the training values', () => {
        const rows = clone(spec.X);
        rows[3]![0] = NaN;
        if (spec.missing === 'reject') expectSegmentkitError(() => spec.create().fit(rows as never), 'E_NOT_FINITE', /\[3\]\[0\]/);
        else
          expect(Array.from((fit(rows) as unknown as FittedTransformer).transform(rows as MatrixLike).data).every(Number.isFinite)).toBe(
            true,
          );
      });

      it('is a featurePipeline step: same output, and the pipeline JSON reloads it', () => {
        const records = spec.X.map((row) => ({ v: row[0] as number }));
        const pipeline = featurePipeline({ numeric: { v: spec.create() as unknown as Transformer } }).fit(records);
        const direct = (spec.create().fit(spec.X.map((r) => [r[0]]) as never) as unknown as FittedTransformer).transform(
          spec.X.map((r) => [r[0] as number]),
        );
        expect(Array.from(pipeline.transform(records).X.data)).toEqual(Array.from(direct.data));
        const reloaded = FittedFeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline)));
        expect(Array.from(reloaded.transform(records).X.data)).toEqual(Array.from(direct.data));
      });
    }

    if (spec.invertible) {
      it('inverseTransform undoes transform', () => {
        const model = fit() as unknown as FittedTransformer;
        const back = model.inverseTransform(model.transform(spec.X as MatrixLike));
        Array.from(back.data).forEach((v, i) => expect(v).toBeCloseTo((spec.X.flat() as number[])[i]!, 9));
      });
    }
  });
}
