// Runs the CJS and ESM smoke checks (fingerprint included) under Node 22 and Node 24 as well as the Node that
// runs npm. The binaries are the npm registry's node-<platform>-<arch> packages, installed once into
// .runtimes/ (git-ignored) so a fresh clone needs nothing but npm; the pinned versions make the run repeatable.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const VERSIONS = ['22.23.5', '24.22.3'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function nodeBinary(version) {
  const name = `node-${process.platform}-${process.arch}`;
  const prefix = path.join(root, '.runtimes', `node-${version}`);
  const binary = path.join(prefix, 'node_modules', name, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    console.log(`installing ${name}@${version} into .runtimes/ (once)`);
    execFileSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${name}@${version}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return binary;
}

for (const version of VERSIONS) {
  const node = nodeBinary(version);
  for (const script of ['smoke.cjs', 'smoke.mjs']) {
    execFileSync(node, [path.join(root, 'test', 'smoke', script)], { stdio: 'inherit', cwd: root });
  }
}
