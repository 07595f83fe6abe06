import { describeValue } from '../../core/describeValue';
import { SegmentkitError } from '../../core/SegmentkitError';

/** The part of `node:fs` the file readers use (Node, Deno and Bun all provide it). */
interface NodeFs {
  createReadStream(path: string, options: { highWaterMark: number }): AsyncIterable<Uint8Array> & { destroy(): void };
  promises: { readFile(path: string): Promise<Uint8Array> };
}

/** @internal Load `node:fs` on first use, so importing `segmentkit/fs` costs nothing until a file is read. */
export async function nodeFs(): Promise<NodeFs> {
  const specifier: string = 'node:fs';
  return (await import(specifier)) as NodeFs;
}

/** @internal A file-system error as a SegmentkitError naming the path and the fix. */
export function fileError(context: string, path: string, error: unknown): SegmentkitError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const why =
    code === 'ENOENT'
      ? 'there is no such file (a relative path starts at the working directory)'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : String(error instanceof Error ? error.message : error);
  return new SegmentkitError('E_PARAM', `${context}: cannot read '${path}': ${why}`, { cause: error });
}

/** @internal Check a path argument. */
export function requirePath(context: string, path: unknown): string {
  if (typeof path !== 'string' || path.length === 0 || path.includes('\u0000')) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: path must be a file path (a non-empty string without NUL characters), got ${describeValue(path)}`,
    );
  }
  return path;
}
