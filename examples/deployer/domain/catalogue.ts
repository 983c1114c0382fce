/**
 * The apps a user can deploy: each is a Heat template whose `flavor` and `count` parameters the
 * deployer fills from the deployment's size and instance count; the others take the user's
 * `params` or the template's defaults.
 *
 * Every app has two templates, and the configuration picks the set (`templates`): `nova`, what
 * a production cloud runs (Nova servers, Octavia, Cinder), and `test`, the same parameters and
 * outputs built from Heat's own test resources, which a cloud with only Keystone and Heat runs
 * (see hot/test/knobs.ts). The test set has two more parameters: `wait_secs`, which the
 * deployer fills from the configuration, and `simulate_failure`.
 */
import { staticSite } from './hot/static-site.js';
import { staticSiteTest } from './hot/test/static-site.js';
import { threeTierTest } from './hot/test/three-tier.js';
import { wordpressTest } from './hot/test/wordpress.js';
import { threeTier } from './hot/three-tier.js';
import type { HotParameter, HotTemplate } from './hot/types.js';
import { wordpress } from './hot/wordpress.js';

export type { HotParameter, HotTemplate };

export const TEMPLATE_SETS = ['nova', 'test'] as const;
export type TemplateSet = (typeof TEMPLATE_SETS)[number];

/** The `templates` setting: a set's name, or the test set with its delay. */
export type TemplateSettings = TemplateSet | { kind: TemplateSet; waitSecs?: number };

/** The set in use and what the deployer fills in for it. */
export interface Templates {
  kind: TemplateSet;
  /** Seconds each test resource takes (the test set's `wait_secs`). */
  waitSecs: number;
}

export function templatesOf(settings: TemplateSettings | undefined): Templates {
  const { kind = 'nova', waitSecs = 0 } =
    typeof settings === 'string' ? { kind: settings } : (settings ?? {});
  if (!(TEMPLATE_SETS as readonly string[]).includes(kind))
    throw new Error(`templates: unknown set ${JSON.stringify(kind)} (nova or test)`);
  const wait = Number(waitSecs);
  if (!Number.isFinite(wait) || wait < 0 || wait > 3600)
    throw new Error(`templates: waitSecs is a number of seconds from 0 to 3600, not ${waitSecs}`);
  return { kind, waitSecs: wait };
}

export interface App {
  id: string;
  name: string;
  description: string;
  templates: Record<TemplateSet, HotTemplate>;
}

export const APPS: readonly App[] = [
  {
    id: 'static-site',
    name: 'Static web site',
    description: 'nginx servers behind a load balancer, serving a static site.',
    templates: { nova: staticSite, test: staticSiteTest },
  },
  {
    id: 'wordpress',
    name: 'WordPress',
    description: 'A WordPress blog: PHP web servers and a MySQL database.',
    templates: { nova: wordpress, test: wordpressTest },
  },
  {
    id: 'three-tier',
    name: 'Three-tier web app',
    description: 'Load-balanced web and application tiers with a database server.',
    templates: { nova: threeTier, test: threeTierTest },
  },
];

/** The parameters the deployer sets itself: from `size` and `count`, and the test delay. */
export const MANAGED_PARAMETERS = ['flavor', 'count', 'wait_secs'] as const;

/** Not a parameter of the nova templates: asks the cloud to fail this lifecycle (demos, tests). */
export const SIMULATE_FAILURE = 'simulate_failure';

export function findApp(id: string): App | undefined {
  return APPS.find((app) => app.id === id);
}

/**
 * The parameters a user may set in `params`: the template's own, minus the managed ones. Both
 * sets declare the same (tests/catalogue.test.ts checks it), so this reads the nova set;
 * `simulate_failure` is checked on its own (validation.ts).
 */
export function userParameters(app: App): Record<string, HotParameter> {
  const own = { ...app.templates.nova.parameters };
  for (const name of MANAGED_PARAMETERS) delete own[name];
  return own;
}

/** An app as the API shows it: the template in use and its parameters with their defaults. */
export function describeApp(app: App, templates: Templates) {
  const template = app.templates[templates.kind];
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    templateSet: templates.kind,
    parameters: Object.entries(template.parameters).map(([name, p]) => ({
      name,
      type: p.type,
      label: p.label ?? name,
      default: (name === 'wait_secs' ? templates.waitSecs : p.default) ?? null,
      managed: (MANAGED_PARAMETERS as readonly string[]).includes(name),
    })),
    outputs: Object.entries(template.outputs ?? {}).map(([name, output]) => ({
      name,
      description: (output as { description?: string }).description ?? null,
      secret: isSecretOutput(name),
    })),
    template,
  };
}

/**
 * Whether an output holds a secret, to be shown only on request. Heat has no such flag on
 * outputs (only `hidden` parameters), so the name says it, for any template.
 */
export function isSecretOutput(key: string): boolean {
  return /password|secret|token|private_key|_key$/i.test(key);
}
