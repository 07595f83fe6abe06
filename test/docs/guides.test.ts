// The guides and the README may only call functions that exist: every name a code block imports from segmentkit
// (or segmentkit/fs) must be exported there, and every function it calls must be exported, declared in the block,
// or a JavaScript built-in.
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import * as fsEntry from '../../src/fs';
import * as mainEntry from '../../src/index';

const root = new URL('../../', import.meta.url);
const documents = [
  'README.md',
  ...readdirSync(new URL('docs/guides/', root))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/guides/${f}`),
];
const exported = new Set([...Object.keys(mainEntry), ...Object.keys(fsEntry)]);
const BUILT_INS = new Set(
  (
    'console Math Object Array JSON Number String Boolean Date Promise Set Map WeakMap Symbol Error TypeError RangeError ' +
    'Float64Array Float32Array Int32Array Uint8Array BigInt fetch structuredClone parseInt parseFloat isNaN isFinite ' +
    'setTimeout clearTimeout AbortController Blob File TextEncoder TextDecoder require import if for while switch catch ' +
    'function return typeof await async yield of in new super'
  ).split(' '),
);

// code without comments and string literals (a call in a comment or a string is no call)
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:ts|js|typescript|javascript)\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .replace(/\/\/.*$/gm, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/`(?:[^`\\]|\\.)*`/g, '``'),
  );
}

function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  // `declare function draw(...)` names a function of the reader's own
  for (const m of code.matchAll(/\bdeclare\s+function\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of code.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}/g))
    for (const part of m[1]!.split(',')) names.add(part.split(':').pop()!.trim());
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from/g))
    for (const part of m[1]!.split(',')) names.add(part.split(' as ').pop()!.trim());
  return names;
}

describe('the guides call only functions that exist', () => {
  for (const document of documents) {
    const blocks = codeBlocks(readFileSync(new URL(document, root), 'utf8'));
    if (blocks.length === 0) continue;
    it(`${document}: imports and calls resolve`, () => {
      const problems: string[] = [];
      for (const code of blocks) {
        for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(segmentkit(?:\/fs)?)'/g)) {
          const entry = m[2] === 'segmentkit/fs' ? fsEntry : mainEntry;
          for (const part of m[1]!.split(',')) {
            const name = part
              .replace(/^\s*type\s+/, '')
              .split(' as ')[0]!
              .trim();
            if (name !== '' && !(name in entry) && !/^[A-Z]\w*(Options|Params|JSON|Result|Row|Report)$/.test(name))
              problems.push(`imports '${name}' from '${m[2]}', which does not export it`);
          }
        }
        const local = declaredNames(code);
        for (const m of code.matchAll(/(^|[^.\w$])(?:new\s+)?([A-Za-z_$][\w$]*)\s*\(/g)) {
          const name = m[2]!;
          if (local.has(name) || BUILT_INS.has(name) || exported.has(name)) continue;
          problems.push(`calls '${name}', which is neither exported, declared in the block, nor a built-in`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
