// Writing the CLI's files: everything to a temporary file in the same directory first, renamed into place only
// when every output of the command is ready, so a failure leaves nothing half-written.
import type { NodeFsPromises, NodePath } from './node';
import { InputError } from './csvFile';

/** @internal Write every file or none: temp files next to their targets, renamed at the end. */
export async function writeAll(
  fs: NodeFsPromises,
  path: NodePath,
  pid: number,
  files: readonly (readonly [target: string, text: string])[],
): Promise<void> {
  const temps: string[] = [];
  try {
    for (const [target, text] of files) {
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${pid}.${Date.now().toString(36)}.tmp`);
      temps.push(temp);
      await fs.writeFile(temp, text);
    }
    for (let i = 0; i < files.length; i++) await fs.rename(temps[i]!, files[i]![0]);
  } catch (error) {
    await Promise.all(temps.map((temp) => fs.rm(temp, { force: true }).catch(() => undefined)));
    const code = (error as { code?: string }).code;
    throw new InputError(
      `cannot write ${files.map((f) => f[0]).join(', ')}: ${code === 'ENOENT' ? 'the directory does not exist' : code === 'EACCES' ? 'permission denied' : String((error as Error).message)}`,
    );
  }
}

/** @internal One CSV field: quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @internal Records as CSV text with a header. */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** @internal Progress on stderr: one line per step when stderr is not a terminal, one rewritten line when it is, nothing with --quiet. */
export function progress(
  stderr: { write(text: string): boolean; readonly isTTY?: boolean },
  quiet: boolean,
): { step(text: string): void; done(): void } {
  const started = Date.now();
  let count = 0;
  const seconds = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (quiet) return { step: () => undefined, done: () => undefined };
  if (stderr.isTTY === true) {
    return {
      step: (text) => {
        count++;
        stderr.write(`\r\u001b[K[${count}] ${text} … (${seconds()})`);
      },
      done: () => {
        if (count > 0) stderr.write(`\r\u001b[Kdone in ${seconds()}\n`);
      },
    };
  }
  return {
    step: (text) => {
      count++;
      stderr.write(`segmentkit: [${count}] ${text} (${seconds()})\n`);
    },
    done: () => {
      if (count > 0) stderr.write(`segmentkit: done in ${seconds()}\n`);
    },
  };
}
