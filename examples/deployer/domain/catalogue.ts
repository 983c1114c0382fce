/**
 * The apps a user can deploy: each is a Heat template whose `flavor` and `count` parameters the
 * deployer fills from the deployment's size and instance count; the others take the user's
 * `params` or the template's defaults.
 */
import { staticSite } from './hot/static-site.js';
import { threeTier } from './hot/three-tier.js';
import type { HotParameter, HotTemplate } from './hot/types.js';
import { wordpress } from './hot/wordpress.js';

export type { HotParameter, HotTemplate };

export interface App {
  id: string;
  name: string;
  description: string;
  template: HotTemplate;
}

export const APPS: readonly App[] = [
  {
    id: 'static-site',
    name: 'Static web site',
    description: 'nginx servers behind a load balancer, serving a static site.',
    template: staticSite,
  },
  {
    id: 'wordpress',
    name: 'WordPress',
    description: 'A WordPress blog: PHP web servers and a MySQL database.',
    template: wordpress,
  },
  {
    id: 'three-tier',
    name: 'Three-tier web app',
    description: 'Load-balanced web and application tiers with a database server.',
    template: threeTier,
  },
];

/** The parameters the deployer sets itself, from `size` and `count`. */
export const MANAGED_PARAMETERS = ['flavor', 'count'] as const;

export function findApp(id: string): App | undefined {
  return APPS.find((app) => app.id === id);
}

/** The parameters a user may set in `params`: the template's own, minus the managed ones. */
export function userParameters(app: App): Record<string, HotParameter> {
  const own = { ...app.template.parameters };
  for (const name of MANAGED_PARAMETERS) delete own[name];
  return own;
}

/** An app as the API shows it: its template and its parameters with their defaults. */
export function describeApp(app: App) {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    parameters: Object.entries(app.template.parameters).map(([name, p]) => ({
      name,
      type: p.type,
      label: p.label ?? name,
      default: p.default ?? null,
      managed: (MANAGED_PARAMETERS as readonly string[]).includes(name),
    })),
    template: app.template,
  };
}
