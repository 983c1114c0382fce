/**
 * The whole reference system for an end-to-end test: an SMTP server and a webhook receiver
 * standing in for the outside world, the notifier (B) and the deployer (A) as `pecan serve`
 * processes with SQLite files of their own (or the databases and transport `options` name),
 * on the simulated cloud's embedded delays.
 */
import path from 'node:path';
import {
  api,
  freePort,
  smtpSink,
  startService,
  tempDir,
  waitFor,
  webhookSink,
  type Service,
} from './harness.js';

export interface RunningSystem {
  deployer: Service;
  notifier: Service;
  smtp: Awaited<ReturnType<typeof smtpSink>>;
  webhook: Awaited<ReturnType<typeof webhookSink>>;
  /** Starts the notifier again (after `notifier.stop()`), on the same port and database. */
  restartNotifier(): Promise<Service>;
  /** Starts the deployer again (after `deployer.stop()`), on the same port and database. */
  restartDeployer(): Promise<Service>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /**
   * Environment of each service on top of the defaults (SQLite files, the http transport):
   * DEPLOYER_DATABASE / NOTIFIER_DATABASE, DEPLOYER_TRANSPORT / NOTIFIER_TRANSPORT, …
   */
  deployerEnv?: Record<string, string>;
  notifierEnv?: Record<string, string>;
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const dir = tempDir('system');
  const smtp = await smtpSink();
  const webhook = await webhookSink();
  const [deployerPort, notifierPort] = [await freePort(), await freePort()];
  const notifierUrl = `http://127.0.0.1:${notifierPort}`;
  const notifierEnv = {
    NOTIFIER_DATABASE: path.join(dir, 'notifier.sqlite'),
    NOTIFIER_SMTP_HOST: '127.0.0.1',
    NOTIFIER_SMTP_PORT: String(smtp.port),
    NOTIFIER_OPERATOR_EMAIL: 'operator@example.test',
    ...options.notifierEnv,
  };
  const deployerEnv = {
    DEPLOYER_DATABASE: path.join(dir, 'deployer.sqlite'),
    NOTIFIER_URL: notifierUrl,
    ...options.deployerEnv,
  };
  const startNotifier = () => startService('notifier', notifierPort, notifierEnv);
  const startDeployer = () => startService('deployer', deployerPort, deployerEnv);
  const system: RunningSystem = {
    notifier: await startNotifier(),
    deployer: await startDeployer(),
    smtp,
    webhook,
    async restartNotifier() {
      system.notifier = await startNotifier();
      return system.notifier;
    },
    async restartDeployer() {
      system.deployer = await startDeployer();
      return system.deployer;
    },
    async stop() {
      await Promise.all([system.deployer.stop(), system.notifier.stop()]);
      await Promise.all([smtp.close(), webhook.close()]);
    },
  };
  return system;
}

export interface Deployment {
  id: string;
  name: string;
  status: string;
  statusReason: string;
  [key: string]: unknown;
}

export async function deploymentStatus(system: RunningSystem, id: string): Promise<Deployment> {
  return (await api<Deployment>(`${system.deployer.url}/v1/deployments/${id}`)).body;
}

/** Waits until the deployment's status is one of `statuses`, and returns it. */
export function waitForStatus(
  system: RunningSystem,
  id: string,
  statuses: string[],
  ms = 20_000,
): Promise<Deployment> {
  return waitFor(
    `deployment ${id} to reach ${statuses.join(' or ')}`,
    async () => {
      const deployment = await deploymentStatus(system, id);
      return statuses.includes(deployment.status) ? deployment : undefined;
    },
    ms,
  );
}
