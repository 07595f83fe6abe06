import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// The library's one runtime dependency, Papa Parse, is bundled into dist/, so the ESM build has no bare imports
// and loads unbundled: in a browser from a <script type="module">, in Deno from a path. Its licence travels in
// dist/THIRD-PARTY-NOTICES.md (written below from the package's own file) and the banner points there. (The
// seeded generator is segmentkit's own Alea, core/alea.ts, equal to seedrandom's stream.)
const banner = '/*! segmentkit | MIT | bundles Papa Parse (MIT; (c) 2015 Matthew Holt): see THIRD-PARTY-NOTICES.md */';

function writeNotices(): void {
  const papaparse = JSON.parse(readFileSync('node_modules/papaparse/package.json', 'utf8')) as { version: string };
  const papaLicence = readFileSync('node_modules/papaparse/LICENSE', 'utf8');
  writeFileSync(
    'dist/THIRD-PARTY-NOTICES.md',
    [
      '# Third-party notices',
      '',
      "segmentkit's built files (dist/) include code from this package, under its licence:",
      '',
      `## Papa Parse ${papaparse.version}`,
      '',
      papaLicence.trim(),
      '',
    ].join('\n'),
  );
}

const shared: Options = {
  entry: ['src/index.ts', 'src/fs.ts', 'src/svg.ts', 'src/report.ts'],
  // commander is the CLI's argument parser (a runtime dependency nothing else uses); vega and vega-lite are
  // optional peers, loaded on first use by segmentkit/svg and the report
  external: ['vega', 'vega-lite', 'commander'],
  dts: true,
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
  noExternal: ['papaparse'],
  banner: { js: banner },
};

// ESM splits what index and fs share into one chunk (one copy of the library for both entry points); CJS
// cannot split, so its two files each carry their part.
/**
 * esbuild turns each bundled CommonJS file into `var x = __toESM(require_x())` at the top of the output, a call
 * an application's bundler must keep (it cannot know it is pure), so every import of segmentkit would carry Papa
 * Parse. The calls are pure (they only build the module object), so mark them; then a bundle that never
 * touches CSV parsing drops Papa Parse, and one that imports only KMeans drops both.
 */
function markBundledModulesPure(extension: '.js' | '.cjs', directory = 'dist'): void {
  for (const name of readdirSync(directory)) {
    if (!name.endsWith(extension)) continue;
    const file = `${directory}/${name}`;
    const text = readFileSync(file, 'utf8');
    const marked = text
      .replace(/= __toESM\(require_(\w+)\(\)/g, '= /* @__PURE__ */ __toESM(/* @__PURE__ */ require_$1()')
      .replace(/^var (require_\w+) = __commonJS\(/gm, 'var $1 = /* @__PURE__ */ __commonJS(');
    if (marked !== text) writeFileSync(file, marked);
  }
}

/**
 * For dist/browser/: every module with a `.browser.ts` sibling is replaced by it. The worker-thread pool (Node,
 * Deno and Bun only; a page's main thread cannot wait on Atomics) becomes its one-thread stand-in, and kernels
 * unrolled for speed on many threads become their compact one-row forms with the same arithmetic, so browser
 * bundles stay small and give the same results.
 */
const browserModules = {
  name: 'browser-modules',
  setup(build: {
    onResolve: (
      options: { filter: RegExp },
      callback: (args: { path: string; resolveDir: string }) => { path: string } | undefined,
    ) => void;
  }) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const browser = `${args.resolveDir}/${args.path}.browser.ts`;
      return existsSync(browser) ? { path: browser } : undefined;
    });
  },
};

export default defineConfig([
  // the `segmentkit` bin is ESM only and shares the library chunk (tsup keeps its shebang and marks it executable)
  {
    ...shared,
    entry: [...(shared.entry as string[]), 'src/cli.ts'],
    format: ['esm'],
    splitting: true,
    clean: true,
    onSuccess: async () => markBundledModulesPure('.js'),
  },
  {
    ...shared,
    format: ['cjs'],
    splitting: false,
    clean: false,
    onSuccess: async () => {
      markBundledModulesPure('.cjs');
      writeNotices();
    },
  },
  // what the package's "browser" condition resolves to: the same library without worker threads, split like
  // the ESM build (so an application's bundler drops the same parts)
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    dts: false,
    splitting: true,
    clean: false,
    esbuildPlugins: [browserModules],
    // one file holds Papa Parse here, so its inline licence comment would ride along in every application
    // bundle; the banner names it and dist/THIRD-PARTY-NOTICES.md carries the licence
    esbuildOptions: (options) => {
      options.legalComments = 'none';
    },
    onSuccess: async () => markBundledModulesPure('.js', 'dist/browser'),
  },
]);
