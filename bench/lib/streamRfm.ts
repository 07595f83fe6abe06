// Child process of csv.bench.ts: streams one CSV file through rfmTable and prints { ms, customers, heldMiB } as
// JSON. A separate process runs with Node's default heap settings, as a user's script does (the bench runner's
// 16 GiB old space makes this streaming workload slower, not faster).
import { performance } from 'node:perf_hooks';
import { readCsvBatches } from '../../src/fs';
import { rfmTable } from '../../src/rfm/rfmTable';

const file = process.argv[2]!;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const base = process.memoryUsage().heapUsed;
let peak = base;
let batches = 0;
async function* sampled(): AsyncGenerator<Record<string, unknown>[]> {
  for await (const batch of readCsvBatches(file)) {
    // at batches 1, 2, 4, 8, …: the memory held right after a collection (what the reader and rfmTable keep);
    // a full collection costs tens of milliseconds, so only a handful are forced
    batches++;
    if ((batches & (batches - 1)) === 0) {
      gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    yield batch;
  }
}
const t0 = performance.now();
const table = await rfmTable(sampled(), { customerId: 'customer_id', date: 'timestamp', amount: 'amount' });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, customers: table.length, heldMiB: (peak - base) / 2 ** 20, batches }));
