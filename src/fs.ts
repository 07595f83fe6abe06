// segmentkit/fs: reading files from the file system (Node, Deno, Bun). Kept out of the main entry so browser
// bundles never see `node:fs`.

export { readCsv } from './io/fs/readCsv';
export type { ReadCsvOptions } from './io/fs/readCsv';
export { readCsvBatches } from './io/fs/readCsvBatches';
