// Runs examples/notebook.ipynb in a real Deno Jupyter kernel, headless (through jupyter_client, which Debian's
// python3-nbclient brings; .ci/run installs it), and checks that every result displays as HTML in the notebook and
// that the results a chart fits carry the Vega-Lite bundle JupyterLab draws.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import jupyter_client, nbformat'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error('notebook smoke: python3-nbclient is missing (apt-get install -y python3-nbclient python3-ipykernel)');
  process.exit(1);
}
const deno = `${root}node_modules/.bin/deno`;
if (!existsSync(deno)) {
  console.error('notebook smoke: node_modules/.bin/deno is missing (npm ci installs it)');
  process.exit(1);
}
// the kernelspec points at this checkout's deno; installing it again is cheap and keeps it current
const install = spawnSync(deno, ['jupyter', '--install', '--force'], { encoding: 'utf8' });
if (install.status !== 0) {
  console.error(`notebook smoke: deno jupyter --install failed: ${install.stderr}`);
  process.exit(1);
}
const VEGA = 'application/vnd.vegalite.v5+json';
const expected = [
  ['rfmTable', 'text/html'],
  ['rfmSummary', 'text/html'],
  ['chooseK', VEGA],
  ['KMeansModel', 'text/html'],
  ['profileSegments', VEGA],
  ['driftReport', VEGA],
  ['BetaGeoModel', 'text/html'],
  ['plotSegments', VEGA],
];

/** One run of the notebook: the problems found (empty when every cell displayed as expected). */
function runOnce() {
  const run = spawnSync(python, [`${root}test/smoke/notebook.py`, `${root}examples/notebook.ipynb`], {
    encoding: 'utf8',
    cwd: root,
    timeout: 600_000,
  });
  if (run.status !== 0) return { failures: [`the runner failed: ${run.stderr.slice(-2000)}`], cells: [] };
  const { error, cells } = JSON.parse(run.stdout.trim().split('\n').pop());
  const failures = [];
  if (error !== null) failures.push(`a cell failed: ${error}`);
  expected.forEach(([name, mime], i) => {
    const types = cells[i] ?? [];
    if (!types.includes(mime)) failures.push(`cell ${i + 1} (${name}) shows ${JSON.stringify(types)}, not ${mime}`);
    if (name !== 'plotSegments' && !types.includes('text/html')) failures.push(`cell ${i + 1} (${name}) has no HTML table`);
    if (types.some((t) => t.startsWith('error'))) failures.push(`cell ${i + 1} (${name}): ${types.join(', ')}`);
  });
  return { failures, cells };
}

// test/smoke/notebook.py matches each output to its cell by request id, so a result the Deno kernel publishes
// after its cell's "idle" (seen on a busy machine) is still counted; a run is retried in case a kernel start
// fails on a loaded machine, and a real display problem fails every run
const ATTEMPTS = 3;
let outcome;
for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  outcome = runOnce();
  if (outcome.failures.length === 0) break;
  console.warn(`notebook smoke: run ${attempt} of ${ATTEMPTS}: ${outcome.failures.join('; ')}`);
}
const { failures, cells } = outcome;
if (failures.length > 0) {
  console.error(`notebook smoke: ${failures.length} problem(s) in each of ${ATTEMPTS} runs\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `notebook smoke: ${cells.length} cells ran in the Deno Jupyter kernel; every result displayed (HTML, Vega-Lite where a chart fits)`,
);
