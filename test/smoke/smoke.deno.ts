// Deno consumer of the built ESM package (dependencies resolved from node_modules through package.json).
// @ts-nocheck: run by Deno, not part of the Node type-check
import * as sk from '../../dist/index.js';
import * as fs from '../../dist/fs.js';
import { checkFiles } from './files.mjs';

import { check } from './fingerprint.mjs';

const expected = JSON.parse(await Deno.readTextFile(new URL('./fingerprint.json', import.meta.url)));
console.log(check(`Deno ${Deno.version.deno}`, sk, expected));
console.log(await checkFiles(`Deno ${Deno.version.deno}`, sk, fs));
