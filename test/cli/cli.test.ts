// The segmentkit CLI run as a user runs it: a child process (node --import tsx src/cli.ts …) on the real
// Online Retail file and on small temporary files: exit codes, messages naming file, line and column, JSON
// output, and no output file left behind by a failed run.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const retail = path.join(root, 'test/data/online_retail/OnlineRetail_sample30k.csv');
const mall = path.join(root, 'test/data/mall_customers/Mall_Customers.csv');
// tsx's loader by its path (the runs start in a temporary directory, where `--import tsx` would not resolve)
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'segmentkit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, path.join(root, 'src/cli.ts'), ...args],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const retailFields = ['--customer-id', 'CustomerID', '--date', 'InvoiceDate', '--date-format', 'YYYY-MM-DD HH:mm:ss'];

describe('segmentkit report', () => {
  it('writes a report of the Online Retail file (quantity × price), with progress on stderr and --json on stdout', async () => {
    const out = path.join(dir, 'retail.html');
    const run = await cli(
      'report',
      retail,
      ...retailFields,
      '--quantity',
      'Quantity',
      '--price',
      'UnitPrice',
      '--split-date',
      '2011-07-01',
      '--generated-at',
      '2024-01-01T00:00:00Z',
      '-o',
      out,
      '--json',
    );
    expect(run.stderr).toMatch(/segmentkit: \[1\] reading /);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { output: string; charts: number; bytes: number };
    expect(summary).toMatchObject({ output: out, charts: 7 });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<dt>source</dt><dd>OnlineRetail_sample30k.csv</dd>');
    expect(html).toContain('rows without a customer id (CustomerID) were skipped');
    expect(html).toContain('segmentkit report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is quiet with --quiet', async () => {
    const log = file(
      'log.csv',
      `customerId,timestamp,amount\n${Array.from({ length: 80 }, (_, i) => `c${i % 30},2024-0${1 + (i % 9)}-1${i % 10},${5 + (i % 11) * 7}`).join('\n')}\n`,
    );
    const run = await cli('report', log, '--k', '2', '--min-segment-size', '0', '-o', path.join(dir, 'small.html'), '--quiet');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('names the file, line and column of a bad value, exits 1 and leaves no output', async () => {
    const bad = file('bad.csv', 'customerId,timestamp,amount\na,2024-01-01,10\nb,2024-01-02,12\nc,2024-13-40,3\n');
    const out = path.join(dir, 'never.html');
    const run = await cli('report', bad, '-o', out, '-q');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/bad\.csv, line 4, column 'timestamp': .*2024-13-40/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the line of a quoted field spanning lines correctly', async () => {
    const bad = file('quoted.csv', 'customerId,timestamp,amount,note\na,2024-01-01,10,"two\nlines"\nb,2024-01-02,oops,x\n');
    const run = await cli('report', bad, '-o', path.join(dir, 'q.html'), '-q');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/quoted\.csv, line 4, column 'amount': /);
  });

  it('reports a ragged CSV line and a missing file as bad input', async () => {
    const ragged = file('ragged.csv', 'customerId,timestamp,amount\na,2024-01-01,10\nb,2024-01-02,3,4\n');
    const run = await cli('report', ragged, '-o', path.join(dir, 'r.html'), '-q');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^segmentkit: .*ragged\.csv: line 3 has 4 fields but the header has 3/);
    const missing = await cli('report', path.join(dir, 'nope.csv'), '-o', path.join(dir, 'r.html'), '-q');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: cannot read the file: no such file/);
  });

  it('exits 1 on a usage error and 0 for --help, which documents the exit codes', async () => {
    const usage = await cli('report', retail);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/required option '-o, --output <file>'/);
    expect((await cli('frobnicate')).code).toBe(1);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 {2}bad input or usage[^\n]*\n {2}2 {2}internal error/);
    for (const command of ['report', 'segment', 'score', 'drift']) expect(help.stdout).toContain(command);
  });
});

describe('segmentkit segment, score and drift', () => {
  it('segments a customer table, writes CSV and model, and scores new rows with the model', async () => {
    const seg = path.join(dir, 'segments.csv');
    const model = path.join(dir, 'model.json');
    const run = await cli('segment', mall, '--k', 'auto', '-o', seg, '--model', model, '--json', '-q');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { k: number; columns: string[]; segments: { customers: number }[] };
    expect(summary.columns).toEqual(['Age', 'Annual Income (k$)', 'Spending Score (1-100)']);
    expect(summary.segments.reduce((n, s) => n + s.customers, 0)).toBe(200);
    const lines = readFileSync(seg, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100),segment,segment_name');
    expect(lines).toHaveLength(201);
    const scored = await cli('score', model, mall, '--json', '-q');
    expect(scored.code).toBe(0);
    const result = JSON.parse(scored.stdout) as { rows: { segment: number }[] };
    // the same rows get the same segments back
    expect(result.rows.map((r) => r.segment)).toEqual(lines.slice(1).map((l) => Number(l.split(',')[5])));
  });

  it('refuses a broken model file and a table without the model’s columns (exit 1)', async () => {
    const model = path.join(dir, 'model2.json');
    expect((await cli('segment', mall, '--k', '3', '--model', model, '-o', path.join(dir, 's2.csv'), '-q')).code).toBe(0);
    const json = JSON.parse(readFileSync(model, 'utf8')) as Record<string, unknown>;
    const broken = file('broken.json', JSON.stringify({ ...json, model: { ...(json.model as object), centroids: 'x' } }));
    const run = await cli('score', broken, mall, '-q');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.json: KMeansModel\.fromJSON/);
    const table = file('partial.csv', 'CustomerID,Age\n1,20\n');
    const missing = await cli('score', model, table, '-q');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/partial\.csv: score: there is no column 'Annual Income \(k\$\)'/);
    const badValue = file('badvalue.csv', 'CustomerID,Age,Annual Income (k$),Spending Score (1-100)\n1,20,15,39\n2,abc,16,40\n');
    const value = await cli('score', model, badValue, '-q');
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(/badvalue\.csv, line 3, column 'Age': /);
  });

  it('writes nothing when one of its outputs cannot be written', async () => {
    const seg = path.join(dir, 'kept-out.csv');
    const run = await cli('segment', mall, '--k', '3', '-o', seg, '--model', path.join(dir, 'no-such-dir', 'model.json'), '-q');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot write .*the directory does not exist/);
    expect(existsSync(seg)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('compares two files with drift, as a table and as JSON', async () => {
    const text = readFileSync(mall, 'utf8').trim().split('\n');
    const before = file('before.csv', `${text.slice(0, 101).join('\n')}\n`);
    const after = file('after.csv', `${[text[0], ...text.slice(101)].join('\n')}\n`);
    const table = await cli('drift', before, after, '-q');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^column +type +test/);
    expect(table.stdout).toMatch(/Annual Income \(k\$\) +numeric +ks .* yes/);
    const json = await cli('drift', before, after, '--json', '-q');
    const report = JSON.parse(json.stdout) as { nColumns: number; columns: { column: string; drifted: boolean }[] };
    expect(report.columns.find((c) => c.column === 'Annual Income (k$)')?.drifted).toBe(true);
  });
});
