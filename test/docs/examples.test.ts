// Doc-tests: every @example in src/ runs, and every `// => value` in it is asserted, so no example in the API
// reference can go stale. Examples of @internal helpers run too (they are what the next developer reads).
//
// An example is TypeScript with every public export of segmentkit (and segmentkit/fs) in scope; import lines
// of segmentkit are dropped. `expr; // => value` asserts that expr equals value: strings and booleans exactly,
// numbers to the precision they are written with (0.7071 means within 5e-5), `Float64Array [1, 2]` by type and
// elements, objects and arrays element by element; a number written with a trailing `…` (0.8585…) is a
// truncation. Text in parentheses after the value is a remark, not part of it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as fsEntry from '../../src/fs';
import * as svgEntry from '../../src/svg';
import * as reportEntry from '../../src/report';
import * as mainEntry from '../../src/index';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scope: Record<string, unknown> = { ...mainEntry, ...fsEntry, ...svgEntry, ...reportEntry };

interface Example {
  readonly file: string;
  readonly line: number;
  readonly owner: string;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Every @example block of a file, with the line it starts on and the declaration it documents. */
function examplesOf(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  for (const match of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*([^\n]*)/g)) {
    const body = match[1]!;
    const owner = match[2]!.trim().slice(0, 80);
    const start = text.slice(0, match.index).split('\n').length;
    const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('@example')) continue;
      const code: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^@\w/.test(lines[j]!); j++) code.push(lines[j]!);
      out.push({ file: path.relative(root, file), line: start + i, owner, code: code.join('\n').trim() });
      i = j - 1;
    }
  }
  return out;
}

const TYPED = ['Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array', 'Uint32Array', 'Int8Array'];

/** Parse an expected value: JS literal syntax plus `TypedArray [..]`, `…` truncations and trailing remarks. */
function parseExpected(text: string): unknown {
  let source = text.trim();
  const attempts: string[] = [source];
  // a remark in parentheses after the value: '[0, 1] (numbering depends on the seed)'
  const remark = source.match(/^(.*?)\s+\([^()]*\)\s*$/);
  if (remark) attempts.push(remark[1]!);
  for (const attempt of attempts) {
    source = attempt
      .replace(new RegExp(`\\b(${TYPED.join('|')}) \\[`, 'g'), '$1.from([')
      .replace(/(Array\.from\(\[[^\]]*\])/g, '$1)')
      .replace(/(-?\d+\.\d+)…/g, '__truncated($1, "$1")');
    try {
      return new Function('__truncated', ...TYPED, `return (${source});`)(
        (value: number, written: string) => ({ __truncated: value, digits: written.split('.')[1]!.length }),
        ...TYPED.map((name) => (globalThis as Record<string, unknown>)[name]),
      );
    } catch {
      // try the next reading
    }
  }
  throw new Error(`cannot read the expected value ${JSON.stringify(text)}`);
}

function decimals(value: number): number {
  const text = String(value);
  if (text.includes('e')) return Math.max(0, -Number(text.split('e')[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0));
  return text.split('.')[1]?.length ?? 0;
}

/** Whether actual matches expected, and where not. */
function mismatch(actual: unknown, expected: unknown, where = 'value'): string | undefined {
  if (expected !== null && typeof expected === 'object' && '__truncated' in expected) {
    const { __truncated: value, digits } = expected as { __truncated: number; digits: number };
    const unit = 10 ** -digits;
    return typeof actual === 'number' && Math.abs(actual - value) < unit * (1 + 1e-9)
      ? undefined
      : `${where}: ${String(actual)} is not ${value}…`;
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${where}: expected the number ${expected}, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? undefined : `${where}: expected NaN, got ${actual}`;
    if (!Number.isFinite(expected)) return actual === expected ? undefined : `${where}: expected ${expected}, got ${actual}`;
    const places = decimals(expected);
    const tolerance = (places > 0 && places < 15 ? 0.5 * 10 ** -places : 0) + 1e-12 * Math.max(1, Math.abs(expected));
    return Math.abs(actual - expected) <= tolerance ? undefined : `${where}: expected ${expected}, got ${actual}`;
  }
  if (ArrayBuffer.isView(expected)) {
    const name = expected.constructor.name;
    if (!ArrayBuffer.isView(actual) || actual.constructor.name !== name)
      return `${where}: expected a ${name}, got ${actual === null ? 'null' : ((actual as object)?.constructor?.name ?? typeof actual)}`;
    return mismatch(Array.from(actual as unknown as ArrayLike<number>), Array.from(expected as unknown as ArrayLike<number>), where);
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    if (!Array.isArray(list)) return `${where}: expected an array, got ${typeof actual}`;
    if (list.length !== expected.length) return `${where}: expected ${expected.length} entries, got ${list.length}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(list[i], expected[i], `${where}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${where}: expected an object, got ${JSON.stringify(actual)}`;
    const keys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    if (keys.length !== actualKeys.length || keys.some((k) => !actualKeys.includes(k)))
      return `${where}: keys [${actualKeys.join(', ')}] instead of [${keys.join(', ')}]`;
    for (const key of keys) {
      const problem = mismatch((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${where}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** The example as a runnable async function body: `expr; // => value` lines become checks. */
function instrument(code: string): string {
  const lines = code.split('\n').filter((l) => !/^\s*import .* from 'segmentkit(\/fs)?';\s*$/.test(l));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const arrow = line.indexOf('// =>');
    if (arrow === -1) {
      out.push(line);
      continue;
    }
    let expression = line.slice(0, arrow).trim();
    const expected = line.slice(arrow + 5).trim();
    if (expression === '') {
      // the expected value on its own line belongs to the statement before it
      expression = out.pop()!.trim();
    }
    expression = expression.replace(/;\s*$/, '');
    // `const table = f(); // => value` declares and checks what was declared
    const declared = expression.match(/^(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=/);
    if (declared) {
      out.push(`${expression};`, `__check(${declared[1]}, ${JSON.stringify(expected)});`);
      continue;
    }
    const logged = expression.match(/^console\.log\(([\s\S]*)\)$/);
    if (logged) expression = logged[1]!;
    out.push(`__check((${expression}), ${JSON.stringify(expected)});`);
  }
  return out.join('\n');
}

const examples = sourceFiles(path.join(root, 'src')).flatMap(examplesOf);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

describe('every @example in src/ runs and its // => results hold', () => {
  it(`finds the examples (${examples.length})`, () => {
    expect(examples.length).toBeGreaterThan(200);
  });
  for (const example of examples) {
    it(`${example.file}:${example.line} (${example.owner})`, async () => {
      const body = transformSync(instrument(example.code), { loader: 'ts', format: 'esm', target: 'es2022' }).code;
      const failures: string[] = [];
      const check = (actual: unknown, expectedText: string): void => {
        const problem = mismatch(actual, parseExpected(expectedText));
        if (problem) failures.push(`${problem} (// => ${expectedText})`);
      };
      // the example's own module too: examples of internal helpers use names the public entry does not export
      const own = (await import(path.join(root, example.file))) as Record<string, unknown>;
      const local = { ...own, ...scope };
      const names = Object.keys(local);
      const previous = process.cwd();
      process.chdir(root);
      try {
        await new AsyncFunction('__check', ...names, body)(check, ...names.map((n) => local[n]));
      } finally {
        process.chdir(previous);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('every public runtime export has an example', () => {
  const texts = sourceFiles(path.join(root, 'src')).map((file) => readFileSync(file, 'utf8'));
  for (const name of Object.keys(scope).sort()) {
    it(name, () => {
      const documented = texts.some((text) => {
        const at = text.search(new RegExp(`export (?:abstract |async )?(?:class|function|const) ${name}\\b`));
        if (at === -1) return false;
        const doc = text.slice(0, at).match(/\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*$/);
        return doc?.[0].includes('@example');
      });
      expect(documented, `${name} has no @example in its doc comment`).toBe(true);
    });
  }
});
