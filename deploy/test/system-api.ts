/** The reference system's REST APIs as the deployment test drives them, through the front server. */
import { call } from './client.js';

export interface Urls {
  deployer: string;
  notifier: string;
}

export interface Deployment {
  id: string;
  name: string;
  status: string;
  count: number;
  events?: { eventType: string; status: string; createdAt: string }[];
}

export interface Alarm {
  id: number;
  definition: { name: string };
  deployment: { id: string; name: string } | null;
  notification: { messageId: string; eventType: string; timestamp: string };
  createdAt: string;
}

/** POST /v1/deployments; a retry that meets 409 finds the deployment its first attempt made. */
export async function createDeployment(urls: Urls, name: string): Promise<Deployment> {
  const body = { name, app: 'static-site', size: 'small', count: 1 };
  const answer = await call('POST', `${urls.deployer}/v1/deployments`, body, [202], [409]);
  if (answer.status === 202) return answer.body as Deployment;
  const found = await findByName(urls, name);
  if (!found) throw new Error(`${name}: 409 after a retry, yet no such deployment`);
  return found;
}

/** PUT: scale out to `count` instances (an update lifecycle). */
export async function scaleDeployment(urls: Urls, id: string, count: number): Promise<void> {
  await call('PUT', `${urls.deployer}/v1/deployments/${id}`, { count }, [202], [409]);
}

export async function deleteDeployment(urls: Urls, id: string): Promise<void> {
  await call('DELETE', `${urls.deployer}/v1/deployments/${id}`, undefined, [202], [404, 409]);
}

export async function getDeployment(urls: Urls, id: string): Promise<Deployment> {
  return (await call('GET', `${urls.deployer}/v1/deployments/${id}`)).body as Deployment;
}

async function findByName(urls: Urls, name: string): Promise<Deployment | undefined> {
  let next: string | undefined = '/v1/deployments?limit=100';
  while (next !== undefined) {
    const page = (await call('GET', `${urls.deployer}${next}`)).body as {
      deployments: Deployment[];
      links: { rel: string; href: string }[];
    };
    const found = page.deployments.find((deployment) => deployment.name === name);
    if (found) return found;
    next = page.links.find((link) => link.rel === 'next')?.href;
  }
  return undefined;
}

/** Every alarm, all pages. */
export async function listAlarms(urls: Urls): Promise<Alarm[]> {
  const alarms: Alarm[] = [];
  let next: string | null = '/v1/alarms?limit=200';
  while (next !== null) {
    const page = (await call('GET', `${urls.notifier}${next}`)).body as {
      alarms: Alarm[];
      next: string | null;
    };
    alarms.push(...page.alarms);
    next = page.next;
  }
  return alarms;
}

export interface NotifierStats {
  received: number;
  duplicates: number;
  alarmsRaised: number;
}

export async function notifierStats(urls: Urls): Promise<NotifierStats> {
  return (await call('GET', `${urls.notifier}/v1/stats`)).body as NotifierStats;
}

/** An alarm definition matching every deployment event: one alarm per notification. */
export async function defineCatchAll(urls: Urls, name: string): Promise<void> {
  const body = { name, eventType: 'deployment.*', severity: 'low', actions: [] };
  // 409: it is there already (a rerun on the same databases).
  await call('POST', `${urls.notifier}/v1/alarm-definitions`, body, [201, 409]);
}
