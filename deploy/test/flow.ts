/**
 * The deployment test's end-to-end flow, through the front server's ports only: deployments
 * created, scaled and deleted in waves while faults are injected mid-wave; then every lifecycle
 * must have finished, and every notification must have raised its alarm exactly once. Prints
 * the figures (requests retried and failed, notifications, latency) as JSON on the last line.
 *
 *   node --import tsx deploy/test/flow.ts      (run.sh runs it, with the services up)
 */
import { counts, sleep, until } from './client.js';
import { faultsFromEnv, type Fault } from './faults.js';
import { summary } from './stats.js';
import {
  createDeployment,
  defineCatchAll,
  deleteDeployment,
  getDeployment,
  listAlarms,
  notifierStats,
  scaleDeployment,
  type Deployment,
  type Urls,
} from './system-api.js';

const urls: Urls = {
  deployer: process.env.DEPLOYER_URL ?? 'http://127.0.0.1:8080',
  notifier: process.env.NOTIFIER_URL ?? 'http://127.0.0.1:8081',
};
const WAVE = Number(process.env.FLOW_WAVE ?? 8);
const DEFINITION = 'deploy-test-every-event';

const log = (line: string) => console.log(`flow: ${line}`);

/** What the test did to each deployment, to check the end state against. */
interface Tracked {
  id: string;
  name: string;
  count: number;
  deleted: boolean;
}
const tracked = new Map<string, Tracked>();
let created = 0;

async function create(): Promise<void> {
  const name = `dt-${process.pid}-${++created}`;
  const deployment = await createDeployment(urls, name);
  tracked.set(deployment.id, { id: deployment.id, name, count: 1, deleted: false });
}

/** A lifecycle is finished once the deployment is in a *_COMPLETE state (or *_FAILED). */
async function settled(id: string): Promise<Deployment | undefined> {
  const deployment = await getDeployment(urls, id);
  return /_(COMPLETE|FAILED)$/.test(deployment.status) ? deployment : undefined;
}

async function allSettled(timeoutMs: number): Promise<void> {
  await Promise.all(
    [...tracked.keys()].map((id) =>
      until(`deployment ${id} settled`, () => settled(id), timeoutMs),
    ),
  );
}

/** When each wave ran, and whether a fault was injected in it (for the latency figures). */
const windows: { title: string; from: number; to: number; fault: boolean }[] = [];

/** One wave: its requests in flight, the fault injected while they are, then all settled. */
async function wave(title: string, work: Promise<unknown>[], fault: Fault | undefined) {
  log(`${title}${fault ? `, with fault: ${fault.name}` : ''}`);
  const started = Date.now();
  const retriedBefore = { ...counts.retriedFor };
  if (fault) {
    await sleep(150); // the requests are in flight, the workers busy
    await fault.inject();
  }
  const results = await Promise.allSettled(work);
  const rejected = results.filter((result) => result.status === 'rejected');
  if (rejected.length > 0) log(`${rejected.length} requests failed in this wave`);
  if (fault) await fault.recovered();
  await allSettled(120_000);
  windows.push({ title, from: started, to: Date.now(), fault: fault !== undefined });
  const retried = Object.entries(counts.retriedFor)
    .map(([reason, n]) => [reason, n - (retriedBefore[reason] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} × ${reason}`);
  log(`${title}: settled in ${Date.now() - started} ms; retried: ${retried.join(', ') || 'none'}`);
}

async function main(): Promise<void> {
  const faults = faultsFromEnv();
  const before = await notifierStats(urls);
  await defineCatchAll(urls, DEFINITION);
  const began = Date.now();
  // A first wave without a fault (the baseline), then a wave for every fault; the kinds of
  // work rotate through the waves.
  const fault = (i: number) => (i === 0 ? undefined : faults[i - 1]);
  const waves = Math.max(3, faults.length + 1);
  for (let i = 0; i < waves; i++) {
    const live = [...tracked.values()].filter((t) => !t.deleted);
    const work: Promise<unknown>[] = [];
    for (let k = 0; k < WAVE; k++) work.push(create());
    if (i % 3 === 1 || i % 3 === 2) {
      for (const t of live.filter((t) => t.count === 1).slice(0, WAVE / 2)) {
        t.count = 2;
        work.push(scaleDeployment(urls, t.id, 2));
      }
    }
    if (i % 3 === 2 || (i > 2 && i % 3 === 0)) {
      for (const t of live.filter((t) => t.count === 2).slice(0, WAVE / 2)) {
        t.deleted = true;
        work.push(deleteDeployment(urls, t.id));
      }
    }
    await wave(`wave ${i + 1}/${waves}: ${work.length} requests`, work, fault(i));
  }

  // The end state: each deployment as the test left it, its timeline one notification per event.
  const timelines = new Map<string, string[]>();
  for (const t of tracked.values()) {
    const deployment = await getDeployment(urls, t.id);
    const want = t.deleted
      ? 'DELETE_COMPLETE'
      : t.count === 2
        ? 'UPDATE_COMPLETE'
        : 'CREATE_COMPLETE';
    if (deployment.status !== want || (!t.deleted && deployment.count !== t.count))
      throw new Error(
        `${t.name}: ${deployment.status} × ${deployment.count}, expected ${want} × ${t.count}`,
      );
    timelines.set(
      t.id,
      (deployment.events ?? []).map((event) => event.eventType),
    );
  }
  const expected = [...timelines.values()].reduce((sum, events) => sum + events.length, 0);

  // Every notification received once: the counters, then the alarms one by one.
  const after = await until(
    `${expected} notifications received`,
    async () => {
      const stats = await notifierStats(urls);
      return stats.received - before.received >= expected ? stats : undefined;
    },
    60_000,
  );
  const received = after.received - before.received;
  const duplicates = after.duplicates - before.duplicates;
  // This run's alarms: raised by the catch-all definition, for the deployments it made.
  const alarms = (await listAlarms(urls)).filter(
    (alarm) => alarm.definition.name === DEFINITION && tracked.has(alarm.deployment?.id ?? ''),
  );
  const byDeployment = new Map<string, typeof alarms>();
  for (const alarm of alarms) {
    const id = alarm.deployment?.id ?? '';
    byDeployment.set(id, [...(byDeployment.get(id) ?? []), alarm]);
  }
  const lost: string[] = [];
  const doubled: string[] = [];
  for (const [id, events] of timelines) {
    const got = (byDeployment.get(id) ?? []).map((alarm) => alarm.notification.eventType);
    for (const eventType of new Set([...events, ...got])) {
      const want = events.filter((e) => e === eventType).length;
      const have = got.filter((e) => e === eventType).length;
      if (have < want) lost.push(`${tracked.get(id)!.name} ${eventType} (${have}/${want})`);
      if (have > want) doubled.push(`${tracked.get(id)!.name} ${eventType} (${have}/${want})`);
    }
  }
  const messageIds = new Set(alarms.map((alarm) => alarm.notification.messageId));
  // Publish (the notification's timestamp, written with the state change) → alarm stored.
  const latencies = alarms.map((alarm) => {
    const published = Date.parse(alarm.notification.timestamp);
    const during = windows.find((w) => published >= w.from && published <= w.to);
    return { ms: Date.parse(alarm.createdAt) - published, fault: during?.fault ?? false, during };
  });
  for (const w of windows) {
    const { n, p50, max } = summary(latencies.filter((l) => l.during === w).map((l) => l.ms));
    log(`${w.title}: ${n} notifications published, latency p50 ${p50} ms, max ${max} ms`);
  }
  const latency = summary(latencies.map((l) => l.ms));
  const quietLatency = summary(latencies.filter((l) => !l.fault).map((l) => l.ms));
  const faultLatency = summary(latencies.filter((l) => l.fault).map((l) => l.ms));

  const report = {
    deployments: tracked.size,
    lifecycles: expected / 2,
    faults: faults.map((f) => f.name),
    requests: counts.requests,
    retried: counts.retried,
    retriedFor: counts.retriedFor,
    failed: counts.failed,
    notificationsExpected: expected,
    notificationsReceived: received,
    redeliveriesIgnored: duplicates,
    alarms: alarms.length,
    lost: lost.length,
    duplicated: doubled.length + (alarms.length - messageIds.size),
    latencyMs: latency,
    latencyWithoutFaultsMs: quietLatency,
    latencyDuringFaultsMs: faultLatency,
    flowSeconds: Math.round((Date.now() - began) / 100) / 10,
  };
  log(JSON.stringify(report));
  const problems = [
    ...counts.failures.map((f) => `request failed: ${f}`),
    ...lost.map((l) => `lost: ${l}`),
    ...doubled.map((d) => `duplicated: ${d}`),
    ...(received !== expected ? [`received ${received}, expected ${expected}`] : []),
    ...(messageIds.size !== alarms.length ? ['two alarms for one message id'] : []),
  ];
  if (problems.length > 0) throw new Error(`the flow failed:\n  ${problems.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(`flow: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
