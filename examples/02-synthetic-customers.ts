// The embedded synthetic customers: a realistic transaction log with known archetypes.
import { CUSTOMER_ARCHETYPES, makeCustomers, makeTransactions } from 'segmentkit';

const options = { nCustomers: 500, seed: 7, start: '2024-01-01', end: '2025-07-01' };
const log = makeTransactions(options);
const customers = makeCustomers(options); // same options → the same people, with their archetype

console.log(`${log.length} transactions, first:`, log[0]);
const counts = new Map<string, number>();
for (const c of customers) counts.set(c.archetype, (counts.get(c.archetype) ?? 0) + 1);
for (const [name, spec] of Object.entries(CUSTOMER_ARCHETYPES)) {
  console.log(`${name.padEnd(20)} ${String(counts.get(name)).padStart(4)} customers: ${spec.description}`);
}
const byChannel = new Map<string, number>();
for (const t of log) byChannel.set(t.channel, (byChannel.get(t.channel) ?? 0) + 1);
console.log('transactions per channel:', Object.fromEntries(byChannel));
