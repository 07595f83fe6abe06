import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tests import the public entry as users do, from source (no build needed)
  resolve: {
    alias: [
      { find: /^segmentkit\/fs$/, replacement: fileURLToPath(new URL('../src/fs.ts', import.meta.url)) },
      { find: /^segmentkit\/report$/, replacement: fileURLToPath(new URL('../src/report.ts', import.meta.url)) },
      { find: /^segmentkit\/svg$/, replacement: fileURLToPath(new URL('../src/svg.ts', import.meta.url)) },
      { find: /^segmentkit$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
  },
});
