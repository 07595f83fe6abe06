// Every WebAssembly module the library embeds (src/**/*Module.ts) holds the bytes its .wat source compiles to
// (test/scripts/compileWasm.mjs, run by `npm run build`): an edited kernel that was not rebuilt fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs build script, without type declarations
import { compiledModule, watSources } from '../scripts/compileWasm.mjs';

describe('embedded WebAssembly modules', () => {
  const sources = watSources() as string[];

  it('exist for the kernels', () => {
    expect(sources).toContain('src/cluster/kmeans/seedingSimd.wat');
  });

  it.each(sources)('%s: the committed module is its compiled source', async (source) => {
    const { path, text } = (await compiledModule(source)) as { path: string; text: string };
    expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(text);
  });
});
