/**
 * A private RabbitMQ node for a test: its own node name, ports, epmd, data and log folders
 * under a temporary folder, so that it never meets the machine's own broker. Started with
 * Debian's scripts (`rabbitmq-server -detached`), awaited with `rabbitmqctl await_startup`
 * in a loop (it fails if asked too early), stopped with `rabbitmqctl stop <pidfile>`, which
 * returns once the node is gone, and its epmd with `epmd -kill`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, tempDir, waitFor } from '../harness.js';

const run = promisify(execFile);
const BIN = '/usr/lib/rabbitmq/bin';

export interface RabbitNode {
  /** amqp://guest:guest@127.0.0.1:<port> */
  url: string;
  nodename: string;
  /** Starts the node (again, after stop()): its durable queues and messages are kept. */
  start(): Promise<void>;
  /** Stops the node and its epmd; resolves when both are gone. */
  stop(): Promise<void>;
  /** `rabbitmqctl <args>` against this node. */
  ctl(...args: string[]): Promise<string>;
  /** The messages waiting in a queue (ready and unacknowledged), or null if there is no such queue. */
  queueDepth(queue: string): Promise<number | null>;
}

export async function startRabbit(): Promise<RabbitNode> {
  const dir = tempDir('rabbitmq');
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  const nodename = `pecan-${process.pid}-${port}@localhost`;
  fs.writeFileSync(
    path.join(dir, 'rabbitmq.conf'),
    // guest may log in from loopback only, which is where the tests connect from.
    `listeners.tcp.default = 127.0.0.1:${port}\n`,
  );
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  const env = {
    ...process.env,
    HOME: dir, // the Erlang cookie lives here, shared by the node and rabbitmqctl
    RABBITMQ_NODENAME: nodename,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
  const ctl = async (...args: string[]) =>
    (await run(`${BIN}/rabbitmqctl`, ['-n', nodename, ...args], { env, timeout: 60_000 })).stdout;
  const node: RabbitNode = {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    nodename,
    ctl,
    async start() {
      await run(`${BIN}/rabbitmq-server`, ['-detached'], { env, timeout: 60_000 });
      await waitFor(
        `RabbitMQ node ${nodename}`,
        () => ctl('await_startup', '--timeout', '5').then(() => true),
        60_000,
        300,
      );
    },
    async stop() {
      await ctl('stop', env.RABBITMQ_PID_FILE).catch(() => {});
      await run('epmd', ['-port', String(epmdPort), '-kill'], { env }).catch(() => {});
    },
    async queueDepth(queue) {
      const out = await ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'messages');
      for (const line of out.split('\n')) {
        const [name, count] = line.trim().split(/\s+/);
        if (name === queue) return Number(count);
      }
      return null;
    },
  };
  try {
    await node.start();
  } catch (error) {
    await node.stop();
    throw error;
  }
  return node;
}
