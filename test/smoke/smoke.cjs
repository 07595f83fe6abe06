// CommonJS consumer of the built package. Also checks that an error thrown by the CJS copy is recognised by
// the ESM copy's isSegmentkitError (two copies of the package in one app).
const { readFileSync } = require('node:fs');
const path = require('node:path');
const sk = require('segmentkit');

(async () => {
  const { check } = await import('./fingerprint.mjs');
  const expected = JSON.parse(readFileSync(path.join(__dirname, 'fingerprint.json'), 'utf8'));
  console.log(check(`Node ${process.version} CJS`, sk, expected));
  const esm = await import('segmentkit');
  if (esm.SegmentkitError === sk.SegmentkitError) throw new Error('expected two copies (ESM and CJS builds)');
  try {
    sk.toMatrix([], 'smoke');
  } catch (err) {
    if (!esm.isSegmentkitError(err) || err.code !== 'E_EMPTY') throw new Error('CJS error not recognised by the ESM copy');
  }
  console.log('Node CJS/ESM: an error from one copy is recognised by the other');
  const { checkFiles } = await import('./files.mjs');
  console.log(await checkFiles(`Node ${process.version} CJS`, sk, require('segmentkit/fs')));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
