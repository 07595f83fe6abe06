// The few Node APIs the CLI uses, typed here: the library's sources compile without Node's types (they run in
// browsers and Deno too), and only the CLI touches the process and the file system directly.

/** @internal A writable stream of the process. */
export interface NodeStream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
}

/** @internal The part of `process` the CLI uses. */
export interface NodeProcess {
  readonly argv: readonly string[];
  readonly pid: number;
  exitCode?: number | undefined;
  readonly stdout: NodeStream;
  readonly stderr: NodeStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** @internal The part of `node:fs/promises` the CLI uses. */
export interface NodeFsPromises {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/** @internal The part of `node:path` the CLI uses. */
export interface NodePath {
  dirname(path: string): string;
  basename(path: string): string;
  join(...parts: string[]): string;
}

/** @internal The running process. */
export function nodeProcess(): NodeProcess {
  return (globalThis as unknown as { process: NodeProcess }).process;
}

/** @internal Load `node:fs/promises` and `node:path`. */
export async function nodeModules(): Promise<{ fs: NodeFsPromises; path: NodePath }> {
  const fsName: string = 'node:fs/promises';
  const pathName: string = 'node:path';
  const [fs, path] = await Promise.all([import(fsName) as Promise<NodeFsPromises>, import(pathName) as Promise<NodePath>]);
  return { fs, path };
}
