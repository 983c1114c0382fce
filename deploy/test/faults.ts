/**
 * The faults the deployment test injects mid-flow, chosen by FAULTS (comma-separated names, in
 * order). Each is done to the real thing — a process killed, an app restarted — and reports
 * when the system is whole again, so the next wave starts from a full pool.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { until } from './client.js';
import { killProcess, processesOf, restartApp } from './passenger.js';

export interface Fault {
  name: string;
  inject(): Promise<void>;
  /** Resolves once the system is back to full strength. */
  recovered(): Promise<void>;
}

const home = process.env.PECAN_HOME ?? process.cwd();
const MIN_PROCESSES = 2;
const appRoot = (service: string) => path.join(home, 'examples/.build', service);
const group = (service: string) => `pecan-${service}`;

function fullPool(service: string): Promise<number[]> {
  return until(
    `${MIN_PROCESSES} ${service} processes`,
    async () => {
      const pids = processesOf(group(service));
      return pids.length >= MIN_PROCESSES ? pids : undefined;
    },
    60_000,
  );
}

/** kill -9 of one app process of each service, in the middle of their work. */
const killOne: Fault = {
  name: 'kill -9 one app process of each service',
  async inject() {
    for (const service of ['deployer', 'notifier']) {
      const [victim] = processesOf(group(service));
      if (victim === undefined) throw new Error(`no ${service} process to kill`);
      killProcess(victim);
    }
  },
  recovered: async () => void (await Promise.all([fullPool('deployer'), fullPool('notifier')])),
};

function restart(service: string): Fault {
  return {
    name: `passenger-config restart-app (${service})`,
    inject: () => restartApp(appRoot(service)),
    recovered: async () => void (await fullPool(service)),
  };
}

/**
 * Runs a shell command without blocking the event loop. The flow's requests are in flight while
 * a fault is injected: a synchronous wait (a RabbitMQ restart takes 5-7 s) would stop this
 * process from reading their answers and from seeing the front server close idle keep-alive
 * connections, and the next requests would then be sent on connections already closed — client
 * retries caused by the test itself, not by the system under test.
 */
function runShell(command: string, stdio: 'inherit' | 'ignore'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { stdio });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command}: exit ${code ?? signal}`));
    });
  });
}

/** A shell command run as a fault (restarting a broker or a database), then a readiness check. */
export function commandFault(name: string, command: string, ready: string): Fault {
  return {
    name,
    inject: () => runShell(command, 'inherit'),
    async recovered() {
      await until(
        `${name}: ready`,
        async () => {
          await runShell(ready, 'ignore');
          return true;
        },
        120_000,
        500,
      );
    },
  };
}

const known: Record<string, () => Fault> = {
  'kill-app-process': () => killOne,
  'restart-deployer': () => restart('deployer'),
  'restart-notifier': () => restart('notifier'),
  'apache-graceful': () => {
    const graceful = commandFault('apache2ctl graceful', 'apache2ctl graceful', 'passenger-status');
    return {
      ...graceful,
      async recovered() {
        await graceful.recovered();
        await Promise.all([fullPool('deployer'), fullPool('notifier')]);
      },
    };
  },
  'restart-rabbitmq': () =>
    commandFault(
      'restart RabbitMQ',
      'rabbitmqctl stop >/dev/null && rabbitmq-server -detached',
      'rabbitmqctl -q await_startup',
    ),
  'restart-postgresql': () =>
    commandFault(
      'restart PostgreSQL',
      'pg_ctlcluster 15 main restart -m fast',
      'pg_isready -q -h 127.0.0.1',
    ),
};

export function faultsFromEnv(): Fault[] {
  const names = (process.env.FAULTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.map((name) => {
    const make = known[name];
    if (!make)
      throw new Error(`FAULTS: unknown fault ${name} (known: ${Object.keys(known).join(', ')})`);
    return make();
  });
}
