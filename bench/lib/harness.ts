// Benchmark harness: times contenders in one process on the same data, prints ratios, and keeps
// bench/RESULTS.md up to date section by section (each section carries the machine line it was measured on).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export type Cell = string | number;

/** One table in RESULTS.md, produced by one *.bench.ts file. */
export interface BenchSection {
  /** Stable id, used as the section marker in RESULTS.md. */
  readonly id: string;
  readonly title: string;
  /** What is measured and how (data, sizes, repeats). */
  readonly description: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Findings worth keeping next to the numbers. */
  readonly notes?: readonly string[];
}

export interface Timing {
  /** Median wall time in milliseconds. */
  readonly medianMs: number;
  readonly timesMs: readonly number[];
  /** The value the last run returned (kept so the work cannot be optimised away, and for checks). */
  readonly result: unknown;
}

/** Time `fn` `repeat` times after `warmup` untimed runs; stops repeating once `maxTotalMs` is spent. */
export function timeIt<T>(fn: () => T, options: { repeat?: number; warmup?: number; maxTotalMs?: number } = {}): Timing & { result: T } {
  const { repeat = 5, warmup = 1, maxTotalMs = 60_000 } = options;
  let result!: T;
  for (let i = 0; i < warmup; i++) result = fn();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    if (performance.now() - started > maxTotalMs) break;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor((sorted.length - 1) / 2)]!, timesMs: times, result };
}

/** Async variant of {@link timeIt}. */
export async function timeItAsync<T>(
  fn: () => Promise<T>,
  options: { repeat?: number; warmup?: number; maxTotalMs?: number } = {},
): Promise<Timing & { result: T }> {
  const { repeat = 5, warmup = 1, maxTotalMs = 60_000 } = options;
  let result!: T;
  for (let i = 0; i < warmup; i++) result = await fn();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
    if (performance.now() - started > maxTotalMs) break;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor((sorted.length - 1) / 2)]!, timesMs: times, result };
}

/** CPU model, cores, memory, runtime and OS: printed with every result. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 2 ** 30);
  return `${model}, ${cpus.length} cores, ${memory} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

/** Format milliseconds for a table. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** "12.3×" (how many times faster `ours` is than `theirs`), or '—'. */
export function ratio(theirs: number, ours: number): string {
  if (!Number.isFinite(theirs) || !Number.isFinite(ours) || ours <= 0) return '—';
  const r = theirs / ours;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]): string => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export function renderSection(section: BenchSection, machine: string, date: string): string {
  const parts = [
    `<!-- bench:${section.id} -->`,
    `## ${section.title}`,
    '',
    `Measured ${date} on ${machine}.`,
    '',
    section.description,
    '',
    renderTable(section.header, section.rows),
  ];
  if (section.notes?.length) parts.push('', ...section.notes.map((n) => `- ${n}`));
  parts.push(`<!-- /bench:${section.id} -->`);
  return parts.join('\n');
}

const PREAMBLE = `# Benchmark results

Written by \`npm run bench\` (all benchmarks) or \`npm run bench -- <name>\` (one file of \`bench/\`). Every
contender runs in the same process on the same bytes; scikit-learn/scipy run through
\`../shared/tools/sklearn_bench.py\` on the same raw Float64Array file. Ratios are "how many times faster
segmentkit is" (above 1 = faster). Each section names the machine it was measured on.
`;

/** Replace (or append) the given sections in RESULTS.md, keeping the others. */
export function updateResults(path: string, sections: readonly BenchSection[], machine: string): void {
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (!text.startsWith('# Benchmark results')) text = PREAMBLE;
  const date = new Date().toISOString().slice(0, 10);
  for (const section of sections) {
    const rendered = renderSection(section, machine, date);
    const pattern = new RegExp(`<!-- bench:${section.id} -->[\\s\\S]*?<!-- /bench:${section.id} -->`);
    text = pattern.test(text) ? text.replace(pattern, rendered) : `${text.trimEnd()}\n\n${rendered}\n`;
  }
  writeFileSync(path, `${text.trimEnd()}\n`);
}

export function printSection(section: BenchSection): void {
  console.log(`\n${section.title}\n${renderTable(section.header, section.rows)}`);
  for (const note of section.notes ?? []) console.log(`  - ${note}`);
}
