import { describe, expect, it } from 'vitest';
import { CUSTOMER_ARCHETYPES, makeCustomers, makeTransactions } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

const DAY = 86_400_000;
const options = { nCustomers: 2000, seed: 11 };
const log = makeTransactions(options);
const customers = makeCustomers(options);
const archetypeOf = new Map(customers.map((c) => [c.customerId, c.archetype]));
const start = Date.UTC(2024, 0, 1);
const end = Date.UTC(2026, 0, 1);

function purchasesBy(archetype: string): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  for (const t of log) {
    if (archetypeOf.get(t.customerId) !== archetype || t.amount < 0) continue;
    const times = byCustomer.get(t.customerId) ?? [];
    times.push(t.timestamp.getTime());
    byCustomer.set(t.customerId, times);
  }
  return byCustomer;
}

describe('makeTransactions', () => {
  it('is deterministic for a seed', () => {
    const again = makeTransactions(options);
    expect(again.length).toBe(log.length);
    expect(again.slice(0, 50)).toEqual(log.slice(0, 50));
    expect(makeTransactions({ ...options, seed: 12 }).slice(0, 5)).not.toEqual(log.slice(0, 5));
  });

  it('gives every customer at least one purchase, rows sorted by time inside [start, end)', () => {
    expect(new Set(log.map((t) => t.customerId)).size).toBe(2000);
    for (let i = 0; i < log.length; i++) {
      const time = log[i]!.timestamp.getTime();
      expect(time >= start && time < end).toBe(true);
      if (i > 0) expect(time).toBeGreaterThanOrEqual(log[i - 1]!.timestamp.getTime());
    }
  });

  it('has cent-rounded amounts, valid categories and channels, and refunds that follow a purchase', () => {
    const categories = new Set(['electronics', 'home', 'fashion', 'grocery', 'beauty', 'sports']);
    const channels = new Set(['online', 'store', 'app']);
    const seen = new Map<string, number>();
    let refunds = 0;
    for (const t of log) {
      expect(Math.round(t.amount * 100) / 100).toBe(t.amount);
      expect(t.amount).not.toBe(0);
      expect(categories.has(t.category) && channels.has(t.channel)).toBe(true);
      const key = `${t.customerId}|${Math.abs(t.amount)}|${t.category}|${t.channel}`;
      if (t.amount > 0) seen.set(key, (seen.get(key) ?? 0) + 1);
      else {
        refunds++;
        expect(seen.get(key), `refund without an earlier purchase: ${key}`).toBeGreaterThan(0);
        seen.set(key, seen.get(key)! - 1);
      }
    }
    expect(refunds / log.length).toBeGreaterThan(0.01);
    expect(refunds / log.length).toBeLessThan(0.1);
  });

  it('draws archetypes in the documented shares', () => {
    for (const [name, spec] of Object.entries(CUSTOMER_ARCHETYPES)) {
      expect(customers.filter((c) => c.archetype === name).length).toBe(spec.share * 2000);
    }
  });

  it('one-time buyers buy once; new customers start in the last 90 days; lapsed customers stop in the first 55 %', () => {
    for (const times of purchasesBy('one-time-buyer').values()) expect(times.length).toBe(1);
    for (const times of purchasesBy('new').values()) expect(Math.min(...times)).toBeGreaterThanOrEqual(end - 91 * DAY);
    for (const times of purchasesBy('lapsed').values()) expect(Math.max(...times)).toBeLessThanOrEqual(start + 0.55 * (end - start) + DAY);
  });

  it('loyal high spenders buy more often and spend more per basket than one-time buyers', () => {
    const loyal = [...purchasesBy('loyal-high-spender').values()].map((t) => t.length);
    expect(loyal.reduce((a, b) => a + b, 0) / loyal.length).toBeGreaterThan(30);
    const basket = (archetype: string): number => {
      const amounts = log.filter((t) => t.amount > 0 && archetypeOf.get(t.customerId) === archetype).map((t) => t.amount);
      return amounts.reduce((a, b) => a + b, 0) / amounts.length;
    };
    expect(basket('loyal-high-spender')).toBeGreaterThan(2 * basket('bargain-hunter'));
  });

  it('has a holiday peak and store purchases only in opening hours', () => {
    const perDay = (from: number, to: number): number =>
      log.filter((t) => t.amount > 0 && t.timestamp.getTime() >= from && t.timestamp.getTime() < to).length / ((to - from) / DAY);
    const holiday = perDay(Date.UTC(2024, 10, 20), Date.UTC(2024, 11, 25));
    const spring = perDay(Date.UTC(2024, 2, 1), Date.UTC(2024, 4, 1));
    expect(holiday).toBeGreaterThan(1.3 * spring);
    for (const t of log) if (t.channel === 'store' && t.amount > 0) expect(t.timestamp.getUTCHours()).toBeGreaterThanOrEqual(9);
  });

  it('rejects a bad period or count', () => {
    expectSegmentkitError(() => makeTransactions({ nCustomers: 0 }), 'E_PARAM', /nCustomers/);
    expectSegmentkitError(() => makeTransactions({ start: '2024-01-01', end: '2024-02-01' }), 'E_PARAM', /120 days/);
    expectSegmentkitError(() => makeTransactions({ start: 'yesterday' }), 'E_PARSE', /start/);
  });
});
