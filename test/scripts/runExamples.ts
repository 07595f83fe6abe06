// Runs every script in examples/ (top level, *.ts) with tsx and fails on the first non-zero exit, so the
// examples in the docs can never rot.
import { spawnSync } from 'node:child_process';

import { readdirSync } from 'node:fs';

import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scripts = readdirSync(new URL('../../examples/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .sort();
for (const script of scripts) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', `examples/${script}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`examples/${script} failed (exit ${result.status}, ${seconds} s)\n${result.stdout}\n${result.stderr}`);
    process.exit(1);
  }
  console.log(`examples/${script}: ok (${seconds} s)`);
}
console.log(`${scripts.length} examples ran`);
