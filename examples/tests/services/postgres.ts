/**
 * A private PostgreSQL 15 cluster for a test: `initdb` into a temporary folder, `pg_ctl start`
 * on a free port of 127.0.0.1 with the socket in that folder, trust authentication for the
 * `postgres` role, and `pg_ctl stop` at the end. PostgreSQL refuses to run as root, so as root
 * both run as the `postgres` user, which owns the folder.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, tempDir } from '../harness.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** A new, empty database; resolves to its URL. */
  createDatabase(name: string): Promise<string>;
  /** Starts the cluster (again, after stop()). */
  start(): Promise<void>;
  /** Stops it at once (`-m fast`: open sessions are ended, as a restart of the service does). */
  stop(): Promise<void>;
}

/** Runs a server binary as `postgres` when this process is root. */
function asPostgres(binary: string, args: string[]) {
  const root = os.userInfo().uid === 0;
  return root
    ? run('runuser', ['-u', 'postgres', '--', `${BIN}/${binary}`, ...args], { timeout: 60_000 })
    : run(`${BIN}/${binary}`, args, { timeout: 60_000 });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const dir = tempDir('postgres');
  fs.chmodSync(dir, 0o755);
  if (os.userInfo().uid === 0) await run('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // A test cluster: speed over durability (a crash of the machine loses nothing we need).
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cluster: PostgresCluster = {
    port,
    url,
    async start() {
      await asPostgres('pg_ctl', [
        '-D',
        data,
        '-l',
        path.join(dir, 'log'),
        '-w',
        '-o',
        options,
        'start',
      ]);
    },
    async stop() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
    },
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
  };
  await cluster.start();
  return cluster;
}
