// Tree-shaking check on the built ESM package: bundle one import the way an application would (esbuild,
// minified, browser platform) and compare the size with the targets. Run by `npm run test:smoke` after the
// build; exits non-zero when a target is missed. Prints the sizes for the record.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// dist/browser/index.js is what the package's "browser" condition gives a browser bundler (no worker-thread pool)
const entry = process.env.SEGMENTKIT_ENTRY ?? fileURLToPath(new URL('../../dist/browser/index.js', import.meta.url));
const KB = 1024;
const cases = [
  {
    name: 'KMeans alone',
    code: `import { KMeans } from ${JSON.stringify(entry)}; export const m = new KMeans({ nClusters: 2 }).fit([[0], [1], [9], [10]]);`,
    limit: 40 * KB,
  },
  {
    name: 'RFM trio (rfmTable, rfmScore, rfmSegments)',
    code: `import { rfmTable, rfmScore, rfmSegments } from ${JSON.stringify(entry)}; export const s = (log) => rfmSegments(rfmScore(rfmTable(log)));`,
    limit: 25 * KB,
  },
  {
    name: 'StandardScaler alone',
    code: `import { StandardScaler } from ${JSON.stringify(entry)}; export const s = new StandardScaler();`,
    limit: 25 * KB,
  },
  // a guard against module-level side effects: anything a bundler must keep shows up here
  {
    name: 'isSegmentkitError alone',
    code: `import { isSegmentkitError } from ${JSON.stringify(entry)}; export const f = isSegmentkitError;`,
    limit: 2 * KB,
  },
  {
    name: 'parseCsv alone (bundles Papa Parse)',
    code: `import { parseCsv } from ${JSON.stringify(entry)}; export const p = parseCsv;`,
    limit: 60 * KB,
  },
];

let failed = false;
for (const { name, code, limit } of cases) {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  const ok = bytes.length <= limit;
  failed ||= !ok;
  console.log(
    `bundle size: ${name}: ${(bytes.length / KB).toFixed(1)} KB minified (${bytes.length} bytes), ${(gzipSync(bytes).length / KB).toFixed(1)} KB gzipped (target ≤ ${limit / KB} KB)${ok ? '' : ' — TOO BIG'}`,
  );
}
if (failed) process.exit(1);
