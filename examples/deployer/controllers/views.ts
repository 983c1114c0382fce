/** What the GUI's templates receive: the data of a page, with a form's values and errors. */
import { APPS, describeApp, findApp } from '../domain/catalogue.js';
import { getDeployment, listEvents } from '../domain/deployments.js';
import { FLAVORS } from '../domain/flavors.js';
import { listDeployments } from '../domain/listing.js';
import { deployer, q } from './context.js';

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A message about the whole form (a conflict), shown above it. */
  message?: string;
}

const EMPTY: FormState = { values: {}, errors: {} };

/** How many deployments the dashboard lists (the API pages through all of them). */
const DASHBOARD_ROWS = 100;

async function lastEventId(): Promise<number> {
  const row = await q()
    .selectFrom('deployment_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * `<option>`, selected when its value is the current one. Built here rather than in the
 * template: a conditional attribute inside a tag is not HTML that formatters can parse.
 */
function option(value: string, label: string, current: string | undefined): string {
  const selected = value === current ? ' selected' : '';
  return `<option value="${escapeHtml(value)}"${selected}>${escapeHtml(label)}</option>`;
}

function settingsTemplates() {
  return deployer().templates;
}

function common() {
  const { settings } = deployer();
  return { notifierUrl: settings.notifierUrl.replace(/\/$/, ''), option };
}

export async function dashboard(form: FormState = EMPTY) {
  const { settings } = deployer();
  // Read the event id first: the live stream resumes after it, so nothing is missed between.
  const since = await lastEventId();
  const page = await listDeployments(q(), { limit: DASHBOARD_ROWS });
  return {
    ...common(),
    title: 'Deployments',
    apps: APPS.map((app) => describeApp(app, settingsTemplates())),
    templateSet: settingsTemplates().kind,
    flavors: FLAVORS,
    regions: settings.regions,
    deployments: page.deployments,
    since,
    form: {
      ...form,
      values: {
        app: APPS[0]!.id,
        size: 'small',
        count: '1',
        region: settings.regions[0] ?? '',
        ...form.values,
      },
    },
  };
}

export async function detail(id: string, form: FormState = EMPTY) {
  const since = await lastEventId();
  const deployment = await getDeployment(q(), id);
  return {
    ...common(),
    title: deployment.name,
    deployment,
    app: findApp(deployment.app),
    events: await listEvents(q(), id),
    flavors: FLAVORS,
    since,
    form: {
      ...form,
      values: {
        name: deployment.name,
        size: deployment.size,
        count: String(deployment.count),
        ...form.values,
      },
    },
  };
}
