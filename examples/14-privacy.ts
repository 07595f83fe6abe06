// Privacy guards on what leaves the machine, on the real Telco churn customers (7 043): pseudonymous customer
// ids, the make-up of each segment by gender and by age (SeniorCitizen) with the four-fifths rule, a published
// per-segment table with small cells suppressed, and the same table with differentially private numbers.
import { pseudonymizeIds, privateCounts, privateMean, segmentComposition, suppressSmallCells } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';
import { formatTable } from './lib/formatTable';

const customers = await readCsv('test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

// 1. pseudonymous ids: HMAC-SHA-256 under a secret key. The key belongs in a secret store; the demo key is public.
const key = process.env.SEGMENTKIT_PSEUDONYM_KEY ?? 'demo key: use 32 random bytes from a secret store';
const ids = customers.map((c) => c.customerID as string);
const pseudonyms = await pseudonymizeIds(ids, key);
const again = await pseudonymizeIds(ids.slice(0, 3), key);
console.log(
  `${pseudonyms.length} customer ids pseudonymised; the same key gives the same pseudonym again: ${again.every((p, i) => p === pseudonyms[i])}`,
);
console.log(
  formatTable(
    ['customerID', 'pseudonym (first 16 of 64 hex)'],
    ids.slice(0, 3).map((id, i) => [id, pseudonyms[i]!.slice(0, 16)]),
  ),
);

// a simple segmentation: tenure band × contract (customers of month 0 are a band of their own)
const band = (months: number): string =>
  months === 0 ? 'month 0' : months <= 12 ? '1-12 m' : months <= 24 ? '13-24 m' : months <= 48 ? '25-48 m' : '49+ m';
const labels = customers.map((c) => `${band(c.tenure as number)} · ${String(c.Contract)}`);

// 2. who is in each segment: gender and senior citizens, with the disparate-impact ratio
for (const attribute of ['gender', 'SeniorCitizen'] as const) {
  const composition = segmentComposition(
    labels,
    customers.map((c) => c[attribute] as string | number | null),
    { attributeName: attribute },
  );
  console.log(`\n${attribute}: overall ${composition.overall.map((o) => `${String(o.value)} ${(100 * o.share).toFixed(1)} %`).join(', ')}`);
  console.log(
    formatTable(
      ['segment', 'customers', ...composition.values.map((v) => `${String(v)} %`), 'impact ratio', 'four-fifths'],
      composition.segments.map((s) => [
        String(s.segment),
        s.size,
        ...s.values.map((v) => 100 * v.share),
        s.disparateImpactRatio,
        s.fourFifthsViolation ? `below (${String(s.lowestValue)} least selected)` : 'ok',
      ]),
      2,
    ),
  );
}
console.log('(a ratio over 1 or 10 customers says little: read the four-fifths column with the counts)');

// 3. the per-segment table as it would be published, small cells suppressed (fewer than 10 customers)
const segments = [...new Set(labels)].sort();
const table = segments.map((segment) => {
  const members = customers.filter((_, i) => labels[i] === segment);
  const charges = members.map((c) => c.MonthlyCharges as number);
  return {
    segment,
    customers: members.length,
    churned: members.filter((c) => c.Churn === 'Yes').length,
    churnPercent: (100 * members.filter((c) => c.Churn === 'Yes').length) / members.length,
    meanMonthlyCharge: charges.reduce((a, b) => a + b, 0) / charges.length,
  };
});
const published = suppressSmallCells(table, { minSegmentSize: 10 });
const show = (value: number | null): string | number => (value === null ? '(suppressed)' : value);
console.log('\npublished with small cells suppressed (k-anonymity style, fewer than 10 customers)');
console.log(
  formatTable(
    ['segment', 'customers', 'churn %', 'mean monthly ($)', 'suppressed'],
    published.map((r) => [
      String(r.segment),
      show(r.customers),
      show(r.churnPercent),
      show(r.meanMonthlyCharge),
      r.suppressed ? 'yes' : '',
    ]),
  ),
);

// 4. the same table with differential privacy: each customer is in one segment, so each vector of counts and
// the set of per-segment means cost ε once (parallel composition). The seeds make the run reproducible; in
// production leave them out (fresh noise) or keep them as secret as the key.
const epsilon = 0.5;
const sizes = privateCounts(
  table.map((r) => r.customers),
  { epsilon, seed: process.env.SEGMENTKIT_NOISE_SEED ?? 'example-sizes' },
);
const churned = privateCounts(
  table.map((r) => r.churned),
  { epsilon, seed: `${process.env.SEGMENTKIT_NOISE_SEED ?? 'example'}-churned` },
);
const means = segments.map((segment, j) =>
  privateMean(
    customers.filter((_, i) => labels[i] === segment).map((c) => c.MonthlyCharges as number),
    { epsilon, lower: 0, upper: 150, seed: `${process.env.SEGMENTKIT_NOISE_SEED ?? 'example'}-mean-${j}` },
  ),
);
// post-processing keeps the guarantee: clamp the noisy counts at 0, then suppress on the noisy sizes
const noisy = table.map((r, j) => {
  const size = Math.max(0, sizes.values[j]!);
  return {
    segment: r.segment,
    customers: size,
    churnPercent: size > 0 ? (100 * Math.min(size, Math.max(0, churned.values[j]!))) / size : 0,
    meanMonthlyCharge: means[j]!.value,
  };
});
console.log(
  `\ndifferentially private (ε = ${epsilon} each for sizes, churn counts and means: ε = ${3 * epsilon} in all; size noise ± ${sizes.standardDeviation.toFixed(1)} (sd), ${sizes.mechanism} mechanism)`,
);
console.log(
  formatTable(
    ['segment', 'customers', 'true', 'churn %', 'true', 'mean monthly ($)', 'true', 'suppressed'],
    suppressSmallCells(noisy, { minSegmentSize: 10 }).map((r, j) => [
      String(r.segment),
      show(r.customers),
      table[j]!.customers,
      show(r.churnPercent),
      table[j]!.churnPercent,
      show(r.meanMonthlyCharge),
      table[j]!.meanMonthlyCharge,
      r.suppressed ? 'yes' : '',
    ]),
  ),
);
console.log('(the "true" columns are printed here to compare; they are what is never published)');
