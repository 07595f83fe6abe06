#!/usr/bin/env node
// The `segmentkit` command (package.json "bin"; built to dist/cli.js). See `segmentkit --help` and
// docs/guides/reports-and-charts.md.
import { main } from './cli/main';
import { nodeModules, nodeProcess } from './cli/node';

const process = nodeProcess();
// `segmentkit … | head` closes stdout early: that is the reader's choice, not an error
(process.stdout as unknown as { on(event: 'error', listener: (error: { code?: string }) => void): void }).on('error', (error) => {
  if (error.code === 'EPIPE') (process as unknown as { exit(code: number): never }).exit(0);
  throw error;
});
const { fs, path } = await nodeModules();
process.exitCode = await main(process.argv.slice(2), { process, fs, path });
