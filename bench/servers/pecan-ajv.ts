/**
 * The pecan bench app with one change: the validated endpoint's schemas are the JSON schemas
 * Fastify compiles, compiled by Ajv with Fastify's own Ajv options and handed to pecan as
 * Standard Schemas. It answers one question: how much of the gap to Fastify on `POST /orders`
 * is the validator's (zod against Ajv) and how much is pecan's. Run it with
 * `npm run bench -- --frameworks fastify,pecan,pecan-ajv --endpoints orders`.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { expose, makeApp, request, type StandardSchemaV1, type Valid } from 'pecan';
import { ORDER_JSON_SCHEMA, type Order } from '../endpoints.js';
import { RootController } from './pecan-app.js';
import { serve } from './serve.js';

// What @fastify/ajv-compiler sets for request schemas.
const ajv = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: true });

/**
 * A compiled Ajv validator as a Standard Schema. Ajv coerces in place, so it checks a shallow
 * copy: the request's own query and body stay as they came (what Fastify does not need, as it
 * hands the coerced object itself to the handler).
 */
function standard<T>(schema: object): StandardSchemaV1<unknown, T> {
  const check: ValidateFunction = ajv.compile(schema);
  return {
    '~standard': {
      version: 1,
      vendor: 'ajv',
      validate(input) {
        const value: unknown =
          typeof input === 'object' && input !== null && !Array.isArray(input)
            ? { ...input }
            : input;
        if (check(value)) return { value: value as T };
        return {
          issues: (check.errors ?? []).map((error) => ({
            message: error.message ?? 'invalid',
            path: error.instancePath.split('/').slice(1),
          })),
        };
      },
    },
  };
}

const order = {
  query: standard<{ priority: number; notify: boolean }>(ORDER_JSON_SCHEMA.querystring),
  body: standard<Order>(ORDER_JSON_SCHEMA.body),
};

class AjvRootController extends RootController {
  @expose({ template: 'json', schema: order }) override orders() {
    const { query, body } = request.valid as Valid<typeof order>;
    return { ...body, ...query };
  }
}

serve(makeApp(new AjvRootController()));
