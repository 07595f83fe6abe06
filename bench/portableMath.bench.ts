// The cost of engine-independent results: every transcendental function on a fitted or seeded path goes
// through core/portableMath (same bits on every engine) instead of Math.* (implementation-defined in the last
// ulp). Per call against Math.* on the same inputs, and whole transforms that are made of them.
import { portableExp, portableExpm1, portableLog, portableLog1p, portablePow, seriesExp, seriesLog } from '../src/core/portableMath';
import { createRng } from '../src/core/createRng';
import { LogTransformer } from '../src/features/LogTransformer';
import { PowerTransformer } from '../src/features/PowerTransformer';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { sklearnUnavailable, writeRaw } from './lib/sklearn';

/** scikit-learn's PowerTransformer.fit on the same bytes (bench/lib/power_transformer.py), or undefined. */
function sklearnPowerFit(file: string, rows: number, cols: number, method: string): { ms: number; lambdas: number[] } | undefined {
  if (sklearnUnavailable() !== undefined) return undefined;
  const script = fileURLToPath(new URL('./lib/power_transformer.py', import.meta.url));
  const run = spawnSync('/usr/bin/python3', [script, '--data', file, '--rows', String(rows), '--cols', String(cols), '--method', method], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return undefined;
  const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as { median_s: number; lambdas: number[] };
  return { ms: out.median_s * 1000, lambdas: out.lambdas };
}

function maxDifference(a: readonly number[], b: readonly number[]): string {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!))).toExponential(1);
}

const CALLS = 4_000_000;

/** Nanoseconds per call of `f` over `inputs`, median of 7 passes; each pass is its own monomorphic loop. */
function nsPerCall(make: () => (inputs: Float64Array) => number, inputs: Float64Array): number {
  const loop = make();
  const t = timeIt(() => loop(inputs), { repeat: 7, warmup: 2 });
  return (t.medianMs * 1e6) / inputs.length;
}

// one closure per contender, so each loop stays monomorphic and V8 can inline the call
const loops: Record<string, () => (xs: Float64Array) => number> = {
  'Math.log': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += Math.log(xs[i]!);
    return s;
  },
  portableLog: () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += portableLog(xs[i]!);
    return s;
  },
  'seriesLog (seeded generator)': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += seriesLog(xs[i]!);
    return s;
  },
  'Math.exp': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += Math.exp(-xs[i]!);
    return s;
  },
  portableExp: () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += portableExp(-xs[i]!);
    return s;
  },
  'seriesExp (seeded generator)': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += seriesExp(-xs[i]!);
    return s;
  },
  'Math.log1p': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += Math.log1p(xs[i]!);
    return s;
  },
  portableLog1p: () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += portableLog1p(xs[i]!);
    return s;
  },
  'Math.expm1': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += Math.expm1(-xs[i]!);
    return s;
  },
  portableExpm1: () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += portableExpm1(-xs[i]!);
    return s;
  },
  'x ** 0.37': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[i]! ** 0.37;
    return s;
  },
  'portablePow(x, 0.37)': () => (xs) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += portablePow(xs[i]!, 0.37);
    return s;
  },
};

const PAIRS: [string, string][] = [
  ['portableLog', 'Math.log'],
  ['seriesLog (seeded generator)', 'Math.log'],
  ['portableExp', 'Math.exp'],
  ['seriesExp (seeded generator)', 'Math.exp'],
  ['portableLog1p', 'Math.log1p'],
  ['portableExpm1', 'Math.expm1'],
  ['portablePow(x, 0.37)', 'x ** 0.37'],
];

export default function portableMathBench(): BenchSection[] {
  const rng = createRng(2026);
  // spend-like values over six orders of magnitude
  const inputs = Float64Array.from({ length: CALLS }, () => 10 ** (rng.uniform() * 6 - 1));
  const perCall = new Map<string, number>();
  for (const [name, make] of Object.entries(loops)) perCall.set(name, nsPerCall(make, inputs));
  const functionRows = PAIRS.map(([ours, peer]) => {
    const a = perCall.get(ours)!;
    const b = perCall.get(peer)!;
    return [ours, `${a.toFixed(1)} ns`, peer, `${b.toFixed(1)} ns`, `${(a / b).toFixed(2)}×`];
  });

  const n = 250_000;
  const d = 4;
  const X = { data: Float64Array.from({ length: n * d }, () => 10 ** (rng.uniform() * 4)), rows: n, cols: d };
  const logModel = new LogTransformer().fit(X);
  const logTime = timeIt(() => logModel.transform(X), { repeat: 7 });
  const yj = timeIt(() => new PowerTransformer().fit(X), { repeat: 3 });
  const yjModel = yj.result;
  const yjTransform = timeIt(() => yjModel.transform(X), { repeat: 5 });
  const bc = timeIt(() => new PowerTransformer({ method: 'box-cox' }).fit(X), { repeat: 3 });
  const cells = n * d;
  const file = writeRaw('power.f64', X.data);
  const skYj = sklearnPowerFit(file, n, d, 'yeo-johnson');
  const skBc = sklearnPowerFit(file, n, d, 'box-cox');
  const peer = (ours: number, theirs: { ms: number } | undefined): string[] =>
    theirs === undefined ? ['not run (no scikit-learn)', '—'] : [ms(theirs.ms), ratio(theirs.ms, ours)];
  const transformRows = [
    ['LogTransformer.transform', ms(logTime.medianMs), `${((logTime.medianMs * 1e6) / cells).toFixed(1)} ns`, '—', '—', ''],
    [
      'PowerTransformer (Yeo–Johnson) fit: λ by Brent + standardise',
      ms(yj.medianMs),
      `${((yj.medianMs * 1e6) / cells).toFixed(1)} ns`,
      ...peer(yj.medianMs, skYj),
      skYj === undefined ? '' : `largest λ difference ${maxDifference(yjModel.lambdas, skYj.lambdas)}`,
    ],
    [
      'PowerTransformer (Yeo–Johnson) transform',
      ms(yjTransform.medianMs),
      `${((yjTransform.medianMs * 1e6) / cells).toFixed(1)} ns`,
      '—',
      '—',
      '',
    ],
    [
      'PowerTransformer (Box–Cox) fit',
      ms(bc.medianMs),
      `${((bc.medianMs * 1e6) / cells).toFixed(1)} ns`,
      ...peer(bc.medianMs, skBc),
      skBc === undefined ? '' : `largest λ difference ${maxDifference(bc.result.lambdas, skBc.lambdas)}`,
    ],
  ];
  return [
    {
      id: 'portable-math',
      title: 'Portable transcendental functions: the cost of the same bits on every engine',
      description: `Per call on ${CALLS.toLocaleString('en-US')} values spread log-uniformly over [0.1, 1e5] (exp and expm1 take their negatives), median of 7 passes, each contender in its own loop. Math.* results differ between V8 versions and JavaScriptCore in the last ulp; the portable functions use only IEEE arithmetic and table look-ups, so every engine gives the same bits. The series versions are what the seeded generators keep, so seeded streams stay the bits first published.`,
      header: ['portable function', 'per call', 'Math peer', 'per call', 'cost'],
      rows: functionRows,
    },
    {
      id: 'portable-math-transforms',
      title: 'Transforms built on the portable functions',
      description: `${n.toLocaleString('en-US')} × ${d} values log-uniform over [1, 1e4]; median of 3–7 runs; scikit-learn's PowerTransformer.fit on the same bytes through bench/lib/power_transformer.py (median of 3).`,
      header: ['task', 'segmentkit', 'per cell', 'scikit-learn 1.2 (1 thread)', 'segmentkit is … faster', 'notes'],
      rows: transformRows,
    },
  ];
}
