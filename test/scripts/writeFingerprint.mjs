// Regenerates test/smoke/fingerprint.json from the built package under Node. Run only when seeded output is
// meant to change (a new generator, a new dataset), then check the diff: the smoke runs on Deno and Bun must
// still match it bit for bit.
import { writeFileSync } from 'node:fs';
import * as sk from 'segmentkit';
import { fingerprint } from '../smoke/fingerprint.mjs';

writeFileSync(new URL('../smoke/fingerprint.json', import.meta.url), `${JSON.stringify(fingerprint(sk), null, 1)}\n`);
console.log('wrote test/smoke/fingerprint.json');
