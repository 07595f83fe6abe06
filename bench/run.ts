// npm run bench [-- name ...]: runs bench/*.bench.ts (all, or those whose file name contains a given name),
// prints each table and updates bench/RESULTS.md.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { machineLine, printSection, updateResults, type BenchSection } from './lib/harness';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(1);
}
const machine = machineLine();
console.log(`segmentkit benchmarks on ${machine}`);
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => BenchSection[] | Promise<BenchSection[]> };
  const sections = await module.default();
  sections.forEach(printSection);
  updateResults(path.join(dir, 'RESULTS.md'), sections, machine);
}
console.log('\nupdated bench/RESULTS.md');
