// segmentReport: the sections, the accessibility and self-containment markup, escaping of hostile strings,
// small-cell suppression, determinism, and a failing value model reported in its section.
import { readFileSync } from 'node:fs';

import { makeTransactions, rfmTable, SegmentkitError } from 'segmentkit';
import { SEGMENTKIT_VERSION, segmentReport } from 'segmentkit/report';
import { describe, expect, it } from 'vitest';

const generatedAt = '2024-01-01T00:00:00Z';
const log = makeTransactions({ nCustomers: 400, seed: 3 });

/** Everything between the tags, without the SVGs and the style sheet. */
function text(html: string): string {
  return html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
}

describe('segmentReport on a transaction log', async () => {
  const html = await segmentReport(log, { generatedAt, splitDate: '2024-07-01', source: 'shop.csv' });

  it('has every section, in order, under one h1', () => {
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const h2 = [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Data overview',
      'RFM segments',
      'Clustering',
      'Segment profiles',
      'Customer value',
      'Drift and transitions',
      'Methods',
    ]);
    // h3 only inside sections (after the first h2)
    expect(html.indexOf('<h3')).toBeGreaterThan(html.indexOf('<h2'));
  });

  it('draws every chart as an inline SVG with a title, a description and an aria-label', () => {
    const figures = [
      ...html.matchAll(/<figure class="chart" id="([^"]+)" data-chart="([^"]+)">\s*(<svg[^>]*>)<title id="[^"]+">([^<]+)<\/title><desc/g),
    ];
    expect(figures.map((f) => f[2])).toEqual([
      'plotRfmGrid',
      'plotChooseK',
      'plotSegments',
      'plotProfiles',
      'plotClv',
      'plotDrift',
      'plotTransitions',
    ]);
    for (const [, id, , tag, title] of figures) {
      expect(tag).toContain('role="img"');
      expect(tag).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(tag).toContain(`aria-label="${title}"`);
    }
    expect(html).not.toContain('could not be drawn');
  });

  it('is self-contained, accessible, printable and readable on a phone', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media print');
    expect(html).toContain('overflow-x: auto');
    const t = text(html);
    expect(t).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(t).not.toMatch(/(src|href)="(https?:)?\/\//);
    // every table has a caption and scoped headers
    const tables = t.match(/<table>/g)!.length;
    expect(t.match(/<caption>/g)).toHaveLength(tables);
    expect(t).not.toMatch(/<th>/);
    expect(t).toMatch(/<th scope="col">/);
    expect(t).toMatch(/<th scope="row">/);
  });

  it('reports the data and its quality notes as rfmTable counted them', () => {
    expect(html).toContain('<dt>source</dt><dd>shop.csv</dd>');
    expect(html).toMatch(/refund rows \(negative amounts\), netted/);
    expect(html).toContain(`segmentkit ${SEGMENTKIT_VERSION}`);
    expect(html).toMatch(/<th scope="row">seed<\/th><td[^>]*>42<\/td>/);
    expect(html).toContain('Transitions between segments');
  });

  it('is the same for the same data and options', async () => {
    expect(await segmentReport(log, { generatedAt, splitDate: '2024-07-01', source: 'shop.csv' })).toBe(html);
  });
});

describe('segmentReport options', () => {
  it('suppresses segments and cells smaller than minSegmentSize', async () => {
    const html = await segmentReport(log, { generatedAt, k: 3, minSegmentSize: 150 });
    expect(html).toContain('suppressed (&lt; 150)');
    expect(html).toContain('minSegmentSize 150');
  });

  it('takes quantity × price as the amount, and a fixed k', async () => {
    const lines = log.map((t) => ({ id: t.customerId, when: t.timestamp, qty: 2, unit: t.amount / 2 }));
    const html = await segmentReport(lines, { customerId: 'id', date: 'when', quantity: 'qty', price: 'unit', k: 4, generatedAt });
    expect(html).toContain('amount qty × unit');
    expect(html).toContain('4 segments (k given)');
  });

  it('says so in its section when the value model cannot be fitted', async () => {
    // every customer buys once: no repeat buyers for Gamma-Gamma
    const once = Array.from({ length: 60 }, (_, i) => ({
      customerId: `c${i}`,
      timestamp: `2024-0${1 + (i % 9)}-1${i % 10}`,
      amount: 10 + (i % 7) * 13,
    }));
    const html = await segmentReport(once, { generatedAt, k: 2, minSegmentSize: 0 });
    expect(html).toMatch(/could not be fitted, so there is no customer value/);
    expect(html).toContain('<h2 id="methods-h">Methods</h2>');
  });

  it('segments a customer table, with current as the later period', async () => {
    const customers = rfmTable(log).map((c) => ({
      id: c.customerId,
      visits: c.frequency,
      spend: Math.max(0, c.monetary),
      days: c.recency,
    }));
    const later = customers.map((c) => ({ ...c, spend: c.spend * 1.5 }));
    const html = await segmentReport(customers, { input: 'customers', customerId: 'id', current: later, k: 3, generatedAt });
    expect(html).toContain('RFM segments need a transaction log');
    expect(html).toContain('<h2 id="drift-h">Drift and transitions</h2>');
    expect(html).not.toContain('<h2 id="value-h">');
    expect(html).toContain('data-chart="plotTransitions"');
  });

  it('refuses unknown options and impossible combinations', async () => {
    await expect(segmentReport(log, { colour: 'red' } as never)).rejects.toThrow(SegmentkitError);
    await expect(segmentReport(log, { quantity: 'q' })).rejects.toThrow(/quantity and price go together/);
    await expect(segmentReport([], {})).rejects.toThrow(/no rows/);
  });
});

describe('segmentReport escapes every string from the data', () => {
  const hostile = '<script>alert(1)</script>';

  it('in customer ids, segment rules and names (transactions)', async () => {
    const lines = log.map((t, i) => ({ ...t, customerId: i % 50 === 0 ? hostile : t.customerId }));
    const html = await segmentReport(lines, { generatedAt, k: 2, source: hostile, title: hostile });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('in column names and values (customer table)', async () => {
    const rows = rfmTable(log).map((c, i) => ({
      id: i === 0 ? hostile : c.customerId,
      [hostile]: Math.max(0, c.monetary),
      visits: c.frequency,
      note: hostile,
    }));
    const html = await segmentReport(rows, { input: 'customers', customerId: 'id', k: 2, generatedAt });
    expect(html).not.toContain('<script');
    expect(html).toContain('median &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

it('SEGMENTKIT_VERSION is the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(SEGMENTKIT_VERSION).toBe(pkg.version);
});

describe('segmentReport: composition by a sensitive attribute', () => {
  it('a section with each segment’s make-up and the four-fifths check when one is named', async () => {
    const customers = Array.from({ length: 120 }, (_, i) => ({
      customerId: `c${i}`,
      spend: i < 60 ? 10 + (i % 7) : 200 + (i % 11),
      visits: i < 60 ? 1 + (i % 3) : 20 + (i % 5),
      gender: i % 3 === 0 ? 'f' : 'm',
    }));
    const html = await segmentReport(customers, {
      input: 'customers',
      columns: ['spend', 'visits'],
      k: 2,
      sensitiveAttribute: 'gender',
      generatedAt: '2026-01-01',
    });
    expect(html).toContain('Segment composition by gender');
    expect(html).toMatch(/four-fifths rule/);
    await expect(
      segmentReport(customers, { input: 'customers', columns: ['spend', 'visits'], k: 2, sensitiveAttribute: 'age' }),
    ).rejects.toThrow(/not a column/);
  });
});
