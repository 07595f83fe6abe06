// ESM consumer of the built package, resolved through package.json "exports" (self-reference by name).
import { readFileSync } from 'node:fs';
import * as sk from 'segmentkit';
import * as fs from 'segmentkit/fs';
import { checkFiles } from './files.mjs';
import { check } from './fingerprint.mjs';

const expected = JSON.parse(readFileSync(new URL('./fingerprint.json', import.meta.url), 'utf8'));
const runtime = typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : `Node ${process.version} ESM`;
console.log(check(runtime, sk, expected));
console.log(await checkFiles(runtime, sk, fs));
