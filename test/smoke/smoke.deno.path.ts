// Deno, importing the built ESM files by path from a directory with no package.json and no node_modules
// (test/smoke/denoPath.mjs copies them there): proves dist/ has no bare imports left to resolve.
// @ts-nocheck: run by Deno, not part of the Node type-check
import * as sk from './dist/index.js';
import { check } from './fingerprint.mjs';

const expected = JSON.parse(await Deno.readTextFile(new URL('./fingerprint.json', import.meta.url)));
console.log(`${check(`Deno ${Deno.version.deno} (path import, no node_modules)`, sk, expected)}`);
