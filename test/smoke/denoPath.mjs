// Copies dist/ and the fingerprint files into an empty temporary directory and runs smoke.deno.path.ts there
// with Deno: no package.json, no node_modules, no import map, so any bare import left in dist/ would fail.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'segmentkit-deno-'));
try {
  cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), {
    recursive: true,
    filter: (file) => !file.endsWith('.d.ts') && !file.endsWith('.d.cts'),
  });
  for (const file of ['fingerprint.mjs', 'fingerprint.json', 'smoke.deno.path.ts'])
    cpSync(path.join(root, 'test', 'smoke', file), path.join(dir, file));
  const deno = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'deno.cmd' : 'deno');
  execFileSync(
    deno,
    ['run', '--no-config', '--no-lock', '--no-npm', '--no-remote', '--allow-read', '--quiet', path.join(dir, 'smoke.deno.path.ts')],
    {
      stdio: 'inherit',
      cwd: dir,
    },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
