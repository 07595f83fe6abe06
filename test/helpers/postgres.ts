// Starts a throwaway PostgreSQL server for the SQL tests: Debian's binaries under /usr/lib/postgresql/*/bin,
// a fresh data directory in a temp dir, 127.0.0.1 on a free port, stopped and deleted by stop(). Postgres
// refuses to run as root, so as root initdb and pg_ctl run as the postgres user (runuser), the temp dir
// chowned to it. startPostgres() resolves to null only when no server binary is installed.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

export interface PostgresServer {
  /** A connected client (database `postgres`, user `postgres`). */
  readonly client: pg.Client;
  readonly port: number;
  /** Close the client, stop the server and delete its data directory. */
  stop(): Promise<void>;
}

function findBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Start a server, or resolve to null (after a console.warn) when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const bin = findBinaries();
  if (bin === null) {
    console.warn('PostgreSQL tests skipped: no server binary under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
    return null;
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'segmentkit-pg-'));
  const data = join(dir, 'data');
  const as = (command: string, args: string[]): void => {
    execFileSync(root ? 'runuser' : command, root ? ['-u', 'postgres', '--', command, ...args] : args, { stdio: 'pipe' });
  };
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    as(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stopServer = (): void => {
    try {
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  try {
    await client.connect();
  } catch (error) {
    stopServer();
    throw error;
  }
  return {
    client,
    port,
    async stop() {
      await client.end();
      stopServer();
    },
  };
}
