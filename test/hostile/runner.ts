// Runs the hostile cases of cases.ts one at a time, from the index given as the first argument, and writes one
// JSON line per case to stdout as it ends ({ i, family, name, label, fault, ms }), then { done, total, polluted }.
// hostile.test.ts starts it as a child process and kills it when a case runs past its time limit (a hang), then
// starts it again after that case. Run it alone for a quick look: npx tsx test/hostile/runner.ts [from]; with
// HOSTILE_ONLY=<text> it runs only the cases whose name contains the text (while working on one export).
import { writeSync } from 'node:fs';
import { allCases } from './cases';
import { prototypeKeys } from './outcome';

const from = Number(process.argv[2] ?? 0);
const cases = allCases();
const before = prototypeKeys().join();
const pause = new Int32Array(new SharedArrayBuffer(4));
/** One line to stdout, synchronously (a hang must not lose the lines before it), waiting out a full pipe. */
function write(value: unknown): void {
  let bytes = Buffer.from(`${JSON.stringify(value)}\n`);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

for (let i = from; i < cases.length; i++) {
  const c = cases[i]!;
  if (process.env.HOSTILE_ONLY !== undefined && !c.name.includes(process.env.HOSTILE_ONLY)) continue;
  const start = performance.now();
  let fault: string | undefined;
  try {
    fault = await c.check();
  } catch (error) {
    fault = `the check itself failed: ${String(error)}`;
  }
  // no prototype pollution: nothing added to Object.prototype, Array.prototype or Function.prototype
  if (({} as Record<string, unknown>).polluted !== undefined || prototypeKeys().join() !== before) {
    fault = `prototype polluted${fault === undefined ? '' : `; ${fault}`}`;
    write({ i, family: c.family, name: c.name, label: c.label, fault, ms: performance.now() - start });
    write({ done: true, total: cases.length, polluted: true });
    process.exit(0);
  }
  write({ i, family: c.family, name: c.name, label: c.label, fault, ms: Math.round((performance.now() - start) * 100) / 100 });
}
write({ done: true, total: cases.length, polluted: false });
