// The hostile-input cases, in a fixed order: every public callable of registry.ts with one argument or one option
// replaced by a hostile value (the fixed pools of arbitraries.ts, then fast-check samples drawn with a fixed seed),
// every field of every serialised model mutated, aborted signals, and power-of-two rescaled data checked against
// the result on the data as given. runner.ts runs them one at a time; hostile.test.ts bounds each in time.
import fc from 'fast-check';
import * as sk from 'segmentkit';
import { hostileOption, hostileOptionValues, hostilePool, type Slot, tableWithHostileCell, wrongTypes } from './arbitraries';
import * as fx from './fixtures';
import { jsonMutations, outcomeOf, type Outcome } from './outcome';
import { ENTRIES, JSON_ENTRIES, type Entry } from './registry';

/** The fast-check seed of every sample (fixed: the suite is the same cases on every run). */
export const SEED = 20261202;

/** One case: its family (a class of hostile input), where it goes, and how to run and judge it. */
export interface HostileCase {
  readonly family: string;
  readonly name: string;
  readonly label: string;
  /** Run the call and say what was wrong with how it ended (`undefined`: acceptable). */
  readonly check: () => Promise<string | undefined>;
}

/** What is wrong with an outcome (undefined: a typed error, a finite result, or the caller's own error let through). */
export function fault(o: Outcome): string | undefined {
  switch (o.kind) {
    case 'ok':
    case 'typed':
    case 'propagated':
      return undefined;
    case 'raw':
      return `raw error: ${o.error}`;
    case 'non-finite':
      return `non-finite result: ${o.path} = ${o.value}`;
    case 'mutated':
      return `argument ${o.argument} was modified`;
    case 'bad-message':
      return `message without its context: ${o.message}`;
  }
}

export function show(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'function') return String(v).slice(0, 60);
  if (v instanceof Date) return `Date(${v.getTime()})`;
  try {
    const s = JSON.stringify(v, (_k, x) =>
      typeof x === 'bigint'
        ? `${x}n`
        : typeof x === 'number' && !Number.isFinite(x)
          ? String(x)
          : ArrayBuffer.isView(x)
            ? `${x.constructor.name}[${Array.from(x as unknown as ArrayLike<number>)}]`
            : x,
    );
    return (s ?? String(v)).slice(0, 90);
  } catch {
    return String(v).slice(0, 90);
  }
}

/** The family of a value of a slot's pool: which class of hostile input it is. */
function poolFamilies(slot: Slot): { family: string; values: unknown[] }[] {
  const common = { family: 'wrong type, null, undefined', values: wrongTypes() };
  const own = hostilePool(slot).slice(common.values.length);
  const family = (() => {
    switch (slot) {
      case 'matrix':
        return 'ragged, empty and extreme tables';
      case 'labels':
        return 'malformed labels';
      case 'vector':
        return 'malformed and extreme vectors';
      case 'number':
      case 'integer':
        return 'NaN, ±Infinity, ±1e308, denormals, −0, huge sizes';
      case 'string':
        return 'empty, huge and prototype-named strings';
      case 'options':
        return 'options objects: null, misspelt, prototype-named';
      case 'records':
      case 'table':
        return 'records: malformed, prototype-named columns';
      case 'categories':
        return 'malformed category tables';
      case 'json':
        return 'prototype-pollution payloads';
      case 'function':
        return 'callbacks that misbehave';
      case 'source':
        return 'malformed sources';
      case 'any':
        return 'wrong type, null, undefined';
    }
  })();
  return own.length === 0 ? [common] : [common, { family, values: own }];
}

function entryCase(entry: Entry, family: string, label: string, args: () => unknown[]): HostileCase {
  return {
    family,
    name: entry.name,
    label,
    check: async () => fault(await outcomeOf(entry.run, args(), entry.allowNonFinite, entry.mutates)),
  };
}

/** An AbortSignal-like whose `aborted` turns true after `reads` reads: it fires in the middle of the work. */
class CountingSignal {
  #reads = 0;
  readonly reason = 'hostile';
  constructor(readonly limit: number) {}
  get aborted(): boolean {
    this.#reads++;
    return this.#reads > this.limit;
  }
}

function signalAfter(reads: number): CountingSignal {
  return new CountingSignal(reads);
}

function* positionalCases(): Generator<HostileCase> {
  for (const entry of ENTRIES) {
    yield entryCase(entry, 'baseline (valid arguments)', 'baseline', entry.args);
    for (let i = 0; i < entry.slots.length; i++) {
      for (const { family, values } of poolFamilies(entry.slots[i]!)) {
        for (let v = 0; v < values.length; v++) {
          // fresh values on every run: a call that mutates one cannot change the next case
          const make = () => {
            const args = entry.args();
            args[i] = poolFamilies(entry.slots[i]!).find((f) => f.family === family)!.values[v];
            return args;
          };
          yield entryCase(entry, family, `arg${i} = ${show(values[v])}`, make);
        }
      }
    }
  }
}

function* optionCases(): Generator<HostileCase> {
  for (const entry of ENTRIES) {
    const optionIndex = entry.slots.lastIndexOf('options');
    const values = hostileOptionValues();
    for (const key of entry.keys ?? []) {
      for (let v = 0; v < values.length; v++) {
        yield entryCase(entry, 'option values: wrong type, non-finite, huge', `${key} = ${show(values[v])}`, () => {
          const args = entry.args();
          args[optionIndex] = { ...(args[optionIndex] as object), [key]: hostileOptionValues()[v] };
          return args;
        });
      }
    }
  }
}

function* abortCases(): Generator<HostileCase> {
  for (const entry of ENTRIES) {
    if (!(entry.keys ?? []).includes('signal')) continue;
    const optionIndex = entry.slots.lastIndexOf('options');
    const withSignal = (signal: unknown) => () => {
      const args = entry.args();
      args[optionIndex] = { ...(args[optionIndex] as object), signal };
      return args;
    };
    yield {
      family: 'aborted signals',
      name: entry.name,
      label: 'signal = AbortSignal.abort()',
      check: async () => {
        const o = await outcomeOf(entry.run, withSignal(AbortSignal.abort('hostile'))(), entry.allowNonFinite);
        if (o.kind === 'typed' && o.code === 'E_ABORTED') return undefined;
        return `an aborted signal must end in E_ABORTED, got ${o.kind === 'typed' ? o.code : (fault(o) ?? 'a result')}`;
      },
    };
    for (const reads of [1, 2, 5, 20]) {
      yield {
        family: 'aborted signals',
        name: entry.name,
        label: `signal fires after ${reads} checks`,
        check: async () => {
          const o = await outcomeOf(entry.run, withSignal(signalAfter(reads))(), entry.allowNonFinite);
          if (o.kind === 'typed' && o.code !== 'E_ABORTED') return `a signal firing mid-run must end in E_ABORTED, got ${o.code}`;
          return fault(o);
        },
      };
    }
  }
}

function* jsonCases(): Generator<HostileCase> {
  const replacements = [null, Number.NaN, -1, 0, 1e15, 2.5, -1e308, 'abc', '__proto__', {}, [], true];
  for (const entry of JSON_ENTRIES) {
    for (const { path, json } of jsonMutations(entry.json(), replacements)) {
      const text = JSON.stringify(json);
      yield {
        family: entry.family ?? 'serialised models: every field mutated',
        name: entry.call ?? `${entry.name}.fromJSON`,
        label: path,
        check: async () => {
          let model: unknown;
          try {
            model = entry.load(JSON.parse(text));
          } catch (error) {
            return fault(
              await outcomeOf(() => {
                throw error;
              }, []),
            );
          }
          // accepted: the model must work, and give finite results
          return fault(await outcomeOf(() => entry.probe(model), []));
        },
      };
    }
  }
}

/** fast-check: a valid table with one cell replaced by a random hostile value, for every table argument. */
function* hostileCellCases(runs: number): Generator<HostileCase> {
  const tables = fc.sample(tableWithHostileCell(fx.rows), { seed: SEED, numRuns: runs });
  for (const entry of ENTRIES) {
    const i = entry.slots.indexOf('matrix');
    if (i < 0 || entry.args()[i] === undefined || !Array.isArray(entry.args()[i])) continue;
    const shape = entry.args()[i] as unknown[][];
    if (shape.length !== fx.rows().length || (shape[0] as unknown[]).length !== 2) continue;
    for (let t = 0; t < tables.length; t++) {
      const text = show(tables[t]);
      yield entryCase(entry, 'fast-check: a hostile cell in a valid table', `arg${i} #${t} ${text}`, () => {
        const args = entry.args();
        args[i] = structuredClone(tables[t]);
        return args;
      });
    }
  }
}

/** fast-check: one random option set to a random hostile value (misspelt and prototype-named keys too). */
function* hostileOptionCases(runs: number): Generator<HostileCase> {
  for (const [e, entry] of ENTRIES.entries()) {
    if ((entry.keys ?? []).length === 0) continue;
    const optionIndex = entry.slots.lastIndexOf('options');
    const samples = fc.sample(hostileOption(entry.keys!), { seed: SEED + e, numRuns: runs });
    for (let s = 0; s < samples.length; s++) {
      yield entryCase(entry, 'fast-check: a random option, a random hostile value', `#${s} ${show(samples[s])}`, () => {
        const args = entry.args();
        const options = { ...(args[optionIndex] as object) };
        const [key, value] = Object.entries(samples[s]!)[0]!;
        Object.defineProperty(options, key, { value, enumerable: true, writable: true, configurable: true });
        args[optionIndex] = options;
        return args;
      });
    }
  }
}

/**
 * A result on X · 2^e against the result on X: with `power` 0 it is the same (labels exactly, scores to 1e-9), with
 * 1 it scales by 2^e, with 2 by 4^e. The only acceptable refusal is `E_DOMAIN` (the error that says to rescale).
 */
interface ScaleCheck {
  readonly name: string;
  readonly run: (X: number[][]) => unknown;
  readonly power: 0 | 1 | 2;
  readonly exact?: boolean;
  /**
   * Only data scaled up: scikit-learn's absolute "numerically zero" thresholds (a scale below 10 ε is 1, spreads
   * below 1e-8 are 0), which segmentkit matches, make tiny data a documented constant.
   */
  readonly upOnly?: boolean;
}

const SCALE_CHECKS: readonly ScaleCheck[] = [
  { name: 'KMeans.fit → labels', run: (X) => Array.from(new sk.KMeans({ nClusters: 3, seed: 1 }).fit(X).labels), power: 0, exact: true },
  { name: 'KMeans.fit → centroids', run: (X) => new sk.KMeans({ nClusters: 3, seed: 1 }).fit(X).centroids.flat(), power: 1 },
  {
    name: 'MiniBatchKMeans.fit → labels',
    run: (X) => Array.from(new sk.MiniBatchKMeans({ nClusters: 3, batchSize: 4, seed: 1 }).fit(X).labels),
    power: 0,
    exact: true,
  },
  ...(['single', 'complete', 'average', 'ward'] as const).map(
    (linkage): ScaleCheck => ({
      name: `AgglomerativeClustering (${linkage}) → labels`,
      run: (X) => Array.from(new sk.AgglomerativeClustering({ nClusters: 3, linkage }).fit(X).labels),
      power: 0,
      exact: true,
    }),
  ),
  {
    name: 'AgglomerativeClustering (average) → heights',
    run: (X) =>
      new sk.AgglomerativeClustering({ nClusters: 1, linkage: 'average' })
        .fit(X)
        .linkageMatrix()
        .map((row) => row[2]!),
    power: 1,
  },
  { name: 'silhouetteScore', run: (X) => sk.silhouetteScore(X, fx.labels()), power: 0 },
  { name: 'daviesBouldinScore', run: (X) => sk.daviesBouldinScore(X, fx.labels()), power: 0, upOnly: true },
  { name: 'calinskiHarabaszScore', run: (X) => sk.calinskiHarabaszScore(X, fx.labels()), power: 0 },
  { name: 'inertia', run: (X) => sk.inertia(X, fx.labels()), power: 2 },
  { name: 'suggestEps → eps', run: (X) => sk.suggestEps(X, { minSamples: 2 }).eps, power: 1 },
  {
    name: 'StandardScaler → transform',
    run: (X) => Array.from(new sk.StandardScaler().fit(X).transform(X).data),
    power: 0,
    upOnly: true,
  },
  { name: 'StandardScaler → mean', run: (X) => Array.from(new sk.StandardScaler().fit(X).mean), power: 1 },
  {
    name: 'MinMaxScaler → transform',
    run: (X) => Array.from(new sk.MinMaxScaler().fit(X).transform(X).data),
    power: 0,
    upOnly: true,
  },
  { name: 'SimpleImputer → statistics', run: (X) => Array.from(new sk.SimpleImputer().fit(X).statistics), power: 1 },
  {
    name: 'PCA → explainedVarianceRatio',
    run: (X) => Array.from(new sk.PCA({ nComponents: 2 }).fit(X).explainedVarianceRatio),
    power: 0,
  },
  { name: 'columnMeans', run: (X) => Array.from(sk.columnMeans(X)), power: 1 },
  {
    name: 'chooseK → recommendedK',
    run: (X) => sk.chooseK(X, { kMin: 2, kMax: 4, seed: 1, methods: ['silhouette', 'daviesBouldin', 'calinskiHarabasz'] }).recommendedK,
    power: 0,
    exact: true,
  },
];

/** Exponents far outside the ordinary range, both ways (−1060 lands in the denormals: only the outcome is checked). */
export const SCALE_EXPONENTS: readonly number[] = [-1060, -900, -700, -540, 460, 600, 800, 1000];

function numbersOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersOf);
  return [];
}

function* scaleCases(): Generator<HostileCase> {
  for (const check of SCALE_CHECKS) {
    for (const exponent of SCALE_EXPONENTS) {
      if (check.upOnly && exponent < 0) continue;
      yield {
        family: 'power-of-two rescaled data (±2^460 … 2^1000, denormals)',
        name: check.name,
        label: `X · 2^${exponent}`,
        check: async () => {
          const reference = check.run(fx.rows());
          const X = fx.rows().map((row) => row.map((v) => v * 2 ** exponent));
          const o = await outcomeOf(() => check.run(X), [X]);
          const bad = fault(o);
          if (bad !== undefined) return bad;
          // refused: acceptable when it is the typed refusal that says to rescale (never a wrong number)
          if (o.kind === 'typed') return o.code === 'E_DOMAIN' ? undefined : `refused with ${o.code}: ${o.message}`;
          if (o.kind !== 'ok') return undefined;
          if (exponent < -1022) return undefined; // denormal data: precision is gone, a finite result is all one can ask
          const got = numbersOf(o.value);
          const want = numbersOf(reference).map((v) => v * 2 ** (check.power * exponent));
          if (got.length !== want.length) return `got ${got.length} numbers, expected ${want.length}`;
          for (let k = 0; k < got.length; k++) {
            const [g, w] = [got[k]!, want[k]!];
            const close = check.exact ? g === w : Math.abs(g - w) <= 1e-9 * Math.max(Math.abs(w), 2 ** (check.power * exponent) * 1e-9);
            if (!close) return `value ${k}: ${g} on scaled data, ${w} expected (${reference} × 2^${check.power * exponent})`;
          }
          return undefined;
        },
      };
    }
  }
}

/** Every case, in a fixed order. */
export function allCases(): HostileCase[] {
  return [
    ...positionalCases(),
    ...optionCases(),
    ...abortCases(),
    ...jsonCases(),
    ...hostileCellCases(40),
    ...hostileOptionCases(12),
    ...scaleCases(),
  ];
}
