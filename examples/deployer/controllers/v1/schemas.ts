/**
 * The wire contract of /v1, as zod schemas on the endpoints (docs/typed-apis.md): pecan checks
 * the shape and the JSON types before a controller runs, and the OpenAPI document
 * (/openapi.json) is generated from them. The domain keeps the rules about values — which app,
 * which size, a name's pattern, a count's range — with its own messages (domain/validation.ts),
 * so the schemas are loose objects: a field they do not list still reaches the domain, which
 * names it ("Unknown field x.").
 */
import { z } from 'zod';
import { STATUSES } from '../../domain/states.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../domain/listing.js';
import { MAX_COUNT } from '../../domain/validation.js';

const paramValue = z.union([z.string(), z.number(), z.boolean()]);
const params = z
  .record(z.string(), paramValue)
  .describe('Template parameters of the app (see GET /v1/apps/{id}), by name.');
const count = z
  .union([z.number().int(), z.string()])
  .describe(`Instances, 1 to ${MAX_COUNT} (a string of digits from a form is accepted).`);

export const deploymentId = { path: z.object({ id: z.string().describe('A deployment id.') }) };

export const listQuery = {
  query: z.looseObject({
    status: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe(
        `Only these statuses (repeat the key, or separate them with commas): ${STATUSES.join(', ')}.`,
      ),
    app: z.string().optional().describe('Only deployments of this app.'),
    limit: z
      .string()
      .optional()
      .describe(`A page's size: a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`),
    marker: z.string().optional().describe('The id of the last deployment of the previous page.'),
  }),
};

export const createBody = z.looseObject({
  name: z
    .string()
    .describe('A letter, then up to 63 letters, digits, dots, dashes or underscores.'),
  app: z.string().describe('An app id from GET /v1/apps.'),
  size: z.string().describe('small, medium or large.'),
  count,
  region: z.string().optional().describe('One of the configured regions (default: the first).'),
  params: params.optional(),
});

export const updateBody = z.looseObject({
  name: z.string().optional(),
  size: z.string().optional(),
  count: count.optional(),
  params: params.optional(),
});

const link = z.object({ rel: z.string(), href: z.string() });

export const deployment = z.object({
  id: z.string(),
  name: z.string(),
  app: z.string(),
  size: z.string(),
  count: z.number().int(),
  region: z.string(),
  params: z.record(z.string(), paramValue),
  status: z.enum(STATUSES as [string, ...string[]]),
  statusReason: z.string(),
  stackId: z.string().nullable(),
  lastError: z
    .string()
    .nullable()
    .describe('Why the cloud call of this lifecycle failed last; null once a call succeeds.'),
  attempts: z.number().int().describe('Cloud calls that failed in a row in this lifecycle.'),
  retryAt: z
    .string()
    .nullable()
    .describe('When the failed call is tried again (ISO 8601), while `lastError` is set.'),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.array(link),
});

export const deploymentPage = z.object({
  deployments: z.array(deployment),
  links: z.array(link).describe('`next` while there are more.'),
});

const output = z.object({
  key: z.string(),
  value: z.unknown().describe('A string, or any JSON (a list from a group); null if unresolved.'),
  description: z.string(),
  secret: z.boolean().describe('A password or key: show it only when asked.'),
  error: z.string().nullable().describe('Why the cloud could not resolve the value.'),
});

export const deploymentWithEvents = deployment.extend({
  outputs: z
    .array(output)
    .describe('The stack outputs when the last lifecycle ended (a URL, a password).'),
  events: z.array(
    z.object({
      id: z.number(),
      eventType: z.string(),
      status: z.string(),
      statusReason: z.string(),
      createdAt: z.string(),
    }),
  ),
});
