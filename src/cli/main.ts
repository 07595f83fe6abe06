// The segmentkit command line: report, segment, score, drift. Parsing by commander; every command reads its
// inputs, computes, and only then writes its outputs (temp file + rename), so a failure leaves no partial file.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SegmentkitError } from '../core/SegmentkitError';
import { driftReport } from '../drift/driftReport';
import { numericColumns, segmentCustomers, checkColumns } from '../report/segmentCustomers';
import { segmentReport, type SegmentReportOptions } from '../report/segmentReport';
import { SEGMENTKIT_VERSION } from '../report/version';
import { InputError, locate, readCsvFile, type CsvFile } from './csvFile';
import { readSegmentation, segmentationJson } from './modelFile';
import type { NodeFsPromises, NodePath, NodeProcess } from './node';
import { progress, toCsv, writeAll } from './output';

/** @internal Exit codes, as documented in `--help` and the guide. */
export const EXIT_OK = 0;
/** @internal Bad input or usage: a file that cannot be read, a value that is not a number, an unknown flag. */
export const EXIT_INPUT = 1;
/** @internal Anything else: a bug in segmentkit (please report it). */
export const EXIT_INTERNAL = 2;

const EXIT_HELP = `
Exit codes:
  0  success
  1  bad input or usage (the message names the file, line and column)
  2  internal error (a bug in segmentkit; please report it)

Progress goes to stderr (one line per step; one updating line on a terminal; none with --quiet).
Output files are written to a temporary file next to the target and renamed at the end: a failed run leaves none.`;

/** @internal What the CLI talks to: the process and the file system (swappable in tests). */
export interface CliIo {
  readonly process: NodeProcess;
  readonly fs: NodeFsPromises;
  readonly path: NodePath;
}

interface Common {
  readonly quiet?: boolean;
  readonly json?: boolean;
}

function integer(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

function kValue(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  return integer('k', 2)(value);
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function withFile<T>(file: CsvFile, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw locate(error, { path: file.path, lines: file.lines, columns: file.records.report.columns });
  }
}

async function withFileAsync<T>(file: CsvFile, compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    throw locate(error, { path: file.path, lines: file.lines, columns: file.records.report.columns });
  }
}

function commandLine(argv: readonly string[]): string {
  return ['segmentkit', ...argv].map((a) => (/^[\w./:=,@-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
}

/** @internal Build the program; actions write through `io`. */
export function buildProgram(io: CliIo, argv: readonly string[]): Command {
  const { process: proc, fs, path } = io;
  const out = (text: string): void => {
    proc.stdout.write(text);
  };
  const program = new Command('segmentkit')
    .description('Customer segmentation from CSV files: an HTML report, segments, scoring new customers, drift.')
    .version(SEGMENTKIT_VERSION, '-V, --version')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError('(run segmentkit --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        proc.stdout.write(text);
      },
      writeErr: (text) => {
        proc.stderr.write(text);
      },
    });
  const common = (command: Command): Command =>
    command
      .option('-q, --quiet', 'no progress on stderr')
      .option('--json', 'machine-readable JSON on stdout')
      .addHelpText('after', EXIT_HELP)
      .exitOverride();

  common(
    program
      .command('report')
      .description('a self-contained HTML report (overview, RFM, clustering, profiles, value, drift, methods)')
      .argument('<file>', 'transactions CSV (one row per purchase line), or a customer table with --customers')
      .option('--customer-id <field>', 'column with the customer id', 'customerId')
      .option('--date <field>', 'column with the transaction date', 'timestamp')
      .option('--date-format <format>', "how dates are written, e.g. 'YYYY-MM-DD HH:mm:ss' (default: ISO 8601)")
      .option('--amount <field>', 'column with the transaction value (default: amount)')
      .option('--quantity <field>', 'column with the quantity (with --price: amount = quantity × price)')
      .option('--price <field>', 'column with the unit price')
      .option('--order-id <field>', 'column with an order id (lines of one order count as one purchase)')
      .addOption(new Option('--refunds <how>', 'refund rows in the RFM table').choices(['net', 'exclude']).default('net'))
      .option('--customers', 'the file is a customer table (one row per customer), not transactions')
      .option('--columns <a,b,c>', 'customer-table columns to segment on (default: the numeric ones)', list)
      .option('--current <file>', 'a later period (same columns): drift and transitions')
      .option('--split-date <date>', 'split the transactions at this date: drift and transitions between before and after')
      .option('--sensitive-attribute <field>', 'show each segment’s make-up by this field, with the four-fifths check')
      .option('--k <k>', "number of segments, or 'auto' (chooseK)", kValue, 'auto' as const)
      .option('--seed <n>', 'seed of every random step', integer('seed', 0), 42)
      .option('--min-segment-size <n>', 'suppress cells for fewer customers than this', integer('min-segment-size', 0), 10)
      .option('--title <text>', 'report title', 'Customer segments')
      .option('--max-rows <n>', 'rows shown per table', integer('max-rows', 1), 25)
      .option('--generated-at <iso>', 'timestamp written into the report (default: now), for reproducible files')
      .requiredOption('-o, --output <file>', 'the HTML file to write'),
  ).action(async (file: string, o: Record<string, unknown> & Common) => {
    const bar = progress(proc.stderr, o.quiet === true);
    bar.step(`reading ${file}`);
    const input = await readCsvFile(fs, file);
    let current: CsvFile | undefined;
    if (typeof o.current === 'string') {
      bar.step(`reading ${o.current}`);
      current = await readCsvFile(fs, o.current);
    }
    const options: SegmentReportOptions = {
      input: o.customers === true ? 'customers' : 'transactions',
      customerId: o.customerId as string,
      date: o.date as string,
      ...(o.dateFormat === undefined ? {} : { dateFormat: o.dateFormat as string }),
      ...(o.amount === undefined ? {} : { amount: o.amount as string }),
      ...(o.quantity === undefined ? {} : { quantity: o.quantity as string }),
      ...(o.price === undefined ? {} : { price: o.price as string }),
      ...(o.orderId === undefined ? {} : { orderId: o.orderId as string }),
      refunds: o.refunds as 'net' | 'exclude',
      ...(o.columns === undefined ? {} : { columns: o.columns as string[] }),
      ...(current === undefined ? {} : { current: current.records }),
      ...(o.splitDate === undefined ? {} : { splitDate: o.splitDate as string }),
      ...(o.sensitiveAttribute === undefined ? {} : { sensitiveAttribute: o.sensitiveAttribute as string }),
      k: o.k as 'auto' | number,
      seed: o.seed as number,
      minSegmentSize: o.minSegmentSize as number,
      title: o.title as string,
      maxRows: o.maxRows as number,
      ...(o.generatedAt === undefined ? {} : { generatedAt: o.generatedAt as string }),
      source: path.basename(file),
      command: commandLine(argv),
      onProgress: (p) => bar.step(p.step),
    };
    const html = await withFileAsync(input, () => segmentReport(input.records, options));
    await writeAll(fs, path, proc.pid, [[o.output as string, html]]);
    bar.done();
    if (o.json === true)
      out(
        `${JSON.stringify({ output: o.output, bytes: new TextEncoder().encode(html).length, charts: html.split('<figure class="chart"').length - 1 })}\n`,
      );
    else if (o.quiet !== true) proc.stderr.write(`segmentkit: wrote ${String(o.output)}\n`);
  });

  common(
    program
      .command('segment')
      .description('segment a customer table: k-means on log-and-standardised numeric columns, rows written back with their segment')
      .argument('<file>', 'customer table CSV (one row per customer)')
      .option('--columns <a,b,c>', 'columns to segment on (default: every numeric column but ids)', list)
      .option('--customer-id <field>', 'the id column (kept in the output, never a feature)')
      .option('--k <k>', "number of segments, or 'auto' (chooseK)", kValue, 'auto' as const)
      .option('--k-min <n>', 'smallest k chooseK tries', integer('k-min', 2), 2)
      .option('--k-max <n>', 'largest k chooseK tries', integer('k-max', 2), 8)
      .option('--seed <n>', 'seed of chooseK and k-means', integer('seed', 0), 42)
      .option('-o, --output <file>', 'CSV to write: the rows with segment and segment_name columns (default: stdout)')
      .option('--model <file>', 'JSON to write: columns, pipeline, model and names, for segmentkit score'),
  ).action(async (file: string, o: Record<string, unknown> & Common) => {
    const bar = progress(proc.stderr, o.quiet === true);
    bar.step(`reading ${file}`);
    const input = await readCsvFile(fs, file);
    const rows = input.records;
    const exclude = typeof o.customerId === 'string' ? [o.customerId] : [];
    const columns = (o.columns as string[] | undefined) ?? numericColumns(rows, exclude);
    const settings = { k: o.k as 'auto' | number, kMin: o.kMin as number, kMax: o.kMax as number, seed: o.seed as number, nInit: 10 };
    const s = withFile(input, () => segmentCustomers('segment', rows, columns, { ...settings, onStep: (text) => bar.step(text) }));
    const labelled = rows.map((row, i) => ({ ...row, segment: s.model.labels[i]!, segment_name: s.displayNames.get(s.model.labels[i]!)! }));
    const header = [...rows.report.columns, 'segment', 'segment_name'];
    const files: [string, string][] = [];
    if (typeof o.output === 'string') files.push([o.output, toCsv(header, labelled)]);
    if (typeof o.model === 'string')
      files.push([o.model, `${JSON.stringify(segmentationJson(s, { ...settings, file: path.basename(file) }), null, 2)}\n`]);
    await writeAll(fs, path, proc.pid, files);
    bar.done();
    const summary = {
      customers: rows.length,
      columns: s.columns,
      k: s.model.centroids.length,
      recommendedK: s.choice?.recommendedK ?? null,
      reason: s.choice?.reason ?? null,
      segments: s.order.map((label) => ({ segment: label, name: s.displayNames.get(label)!, customers: s.model.clusterSizes[label]! })),
      output: o.output ?? null,
      model: o.model ?? null,
    };
    if (o.json === true) out(`${JSON.stringify(typeof o.output === 'string' ? summary : { ...summary, rows: labelled })}\n`);
    else if (typeof o.output !== 'string') out(toCsv(header, labelled));
    else if (o.quiet !== true) {
      proc.stderr.write(
        `segmentkit: ${rows.length} customers in ${summary.k} segments${s.choice === null ? '' : ` (${s.choice.reason})`}\n`,
      );
      for (const seg of summary.segments) proc.stderr.write(`  ${seg.name}: ${seg.customers}\n`);
    }
  });

  common(
    program
      .command('score')
      .description('assign new customers to the segments of a model written by segmentkit segment --model')
      .argument('<model>', 'the model JSON')
      .argument('<file>', 'customer table CSV with the model’s columns')
      .option('-o, --output <file>', 'CSV to write: the rows with segment and segment_name (default: stdout)'),
  ).action(async (modelFile: string, file: string, o: Record<string, unknown> & Common) => {
    const bar = progress(proc.stderr, o.quiet === true);
    bar.step(`reading ${modelFile}`);
    let text: string;
    try {
      text = new TextDecoder().decode(await fs.readFile(modelFile));
    } catch (error) {
      throw new InputError(
        `${modelFile}: cannot read the file: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`,
      );
    }
    let loaded: ReturnType<typeof readSegmentation>;
    try {
      loaded = readSegmentation(JSON.parse(text) as unknown);
    } catch (error) {
      throw new InputError(`${modelFile}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message}`);
    }
    bar.step(`reading ${file}`);
    const input = await readCsvFile(fs, file);
    const rows = input.records;
    bar.step('scoring');
    const labels = withFile(input, () => {
      const features = checkColumns('score', rows, loaded.columns);
      return loaded.model.predict(loaded.pipeline.transform(features).X);
    });
    const labelled = rows.map((row, i) => ({ ...row, segment: labels[i]!, segment_name: loaded.names.get(labels[i]!)! }));
    const header = [...rows.report.columns, 'segment', 'segment_name'];
    if (typeof o.output === 'string') await writeAll(fs, path, proc.pid, [[o.output, toCsv(header, labelled)]]);
    bar.done();
    const counts = [...loaded.names].map(([label, name]) => ({
      segment: label,
      name,
      customers: labels.filter((l) => l === label).length,
    }));
    if (o.json === true)
      out(
        `${JSON.stringify(typeof o.output === 'string' ? { customers: rows.length, segments: counts, output: o.output } : { customers: rows.length, segments: counts, rows: labelled })}\n`,
      );
    else if (typeof o.output !== 'string') out(toCsv(header, labelled));
    else if (o.quiet !== true) proc.stderr.write(`segmentkit: scored ${rows.length} customers into ${String(o.output)}\n`);
  });

  common(
    program
      .command('drift')
      .description('compare two CSV files column by column (driftReport): which columns moved, and how much')
      .argument('<reference>', 'the earlier CSV')
      .argument('<current>', 'the later CSV (same columns)')
      .option('--columns <a,b,c>', 'columns to compare (default: every column but ids and dates)', list),
  ).action(async (referenceFile: string, currentFile: string, o: Record<string, unknown> & Common) => {
    const bar = progress(proc.stderr, o.quiet === true);
    bar.step(`reading ${referenceFile}`);
    const reference = await readCsvFile(fs, referenceFile);
    bar.step(`reading ${currentFile}`);
    const current = await readCsvFile(fs, currentFile);
    bar.step('driftReport');
    let report: ReturnType<typeof driftReport>;
    try {
      report = driftReport(reference.records, current.records, o.columns === undefined ? {} : { columns: o.columns as string[] });
    } catch (error) {
      throw error instanceof SegmentkitError ? new InputError(`${referenceFile}, ${currentFile}: ${error.message}`) : error;
    }
    bar.done();
    if (o.json === true) {
      out(`${JSON.stringify(report)}\n`);
      return;
    }
    const fmt = (v: number | null): string =>
      v === null ? '—' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : String(Math.round(v * 1000) / 1000);
    const table = [
      ['column', 'type', 'test', 'statistic', 'p-value', 'PSI', 'drifted', 'median before → after'],
      ...report.columns.map((c) => [
        c.column,
        c.type,
        c.test,
        fmt(c.statistic),
        fmt(c.pValue),
        fmt(c.psi),
        c.drifted ? 'yes' : 'no',
        c.referenceMedian === null || c.currentMedian === null ? '—' : `${fmt(c.referenceMedian)} → ${fmt(c.currentMedian)}`,
      ]),
    ];
    const widths = table[0]!.map((_, j) => Math.max(...table.map((row) => row[j]!.length)));
    for (const row of table)
      out(
        `${row
          .map((cell, j) => cell.padEnd(widths[j]!))
          .join('  ')
          .trimEnd()}\n`,
      );
    out(
      `\n${report.nDrifted} of ${report.nColumns} columns drifted (${report.referenceRows} rows before, ${report.currentRows} after); dataset drift: ${report.datasetDrift ? 'yes' : 'no'}\n`,
    );
    for (const skipped of report.skipped) out(`skipped ${skipped.column}: ${skipped.note}\n`);
  });
  return program;
}

/** @internal Run the CLI on the arguments (without `node` and the script); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io, argv);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return error.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    const stderr = io.process.stderr;
    if (error instanceof InputError) {
      stderr.write(`segmentkit: ${error.message}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof SegmentkitError) {
      stderr.write(`segmentkit: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT_INPUT;
    }
    stderr.write(
      `segmentkit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report it with the command line that caused it.\n`,
    );
    return EXIT_INTERNAL;
  }
}
