/**
 * Checks a deployment request and reports every invalid field at once, so that a form can show
 * each error next to its field and an API client can fix them all in one go.
 */
import {
  findApp,
  SIMULATE_FAILURE,
  userParameters,
  type App,
  type HotParameter,
} from './catalogue.js';
import { FLAVORS, findFlavor } from './flavors.js';

export type FieldErrors = Record<string, string>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type ParamValue = string | number | boolean;

export interface CreateInput {
  name: string;
  app: string;
  size: string;
  count: number;
  region: string;
  params: Record<string, ParamValue>;
}

export interface UpdateInput {
  name?: string;
  size?: string;
  count?: number;
  params?: Record<string, ParamValue>;
}

export interface ValidationOptions {
  /** The regions deployments may go to; the first is the default. */
  regions: readonly string[];
}

export const MAX_COUNT = 20;
/** Heat's rule for stack names, which users may reuse as theirs. */
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export { SIMULATE_FAILURE };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkName(value: unknown, errors: FieldErrors): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.name = 'Give the deployment a name.';
    return undefined;
  }
  if (!NAME.test(value)) {
    errors.name =
      'A name starts with a letter and has at most 64 letters, digits, dots, dashes or underscores.';
    return undefined;
  }
  return value;
}

function checkSize(value: unknown, errors: FieldErrors): string | undefined {
  if (typeof value === 'string' && findFlavor(value)) return value;
  errors.size = `Choose a size: ${FLAVORS.map((f) => f.name).join(', ')}.`;
  return undefined;
}

/** A count from JSON (a number) or a form (a string of digits). */
function checkCount(value: unknown, errors: FieldErrors): number | undefined {
  const count = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_COUNT)
    return count;
  errors.count = `The instance count is a whole number from 1 to ${MAX_COUNT}.`;
  return undefined;
}

/** Whether a JSON value fits a template parameter's type (lists and json travel as strings). */
function fitsType(spec: HotParameter, value: unknown): value is ParamValue {
  if (spec.type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (spec.type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

function checkParams(
  app: App | undefined,
  value: unknown,
  errors: FieldErrors,
): Record<string, ParamValue> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors.params = 'params is an object of template parameters.';
    return undefined;
  }
  if (!app) return undefined; // the app's own error says it all
  const allowed = userParameters(app);
  const params: Record<string, ParamValue> = {};
  for (const [key, given] of Object.entries(value)) {
    const spec: HotParameter | undefined =
      key === SIMULATE_FAILURE ? { type: 'boolean' } : allowed[key];
    const field = `params.${key}`;
    if (!spec) errors[field] = `${app.id} has no parameter ${key}.`;
    else if (!fitsType(spec, given)) errors[field] = `${key} must be a ${spec.type}.`;
    else params[key] = given;
  }
  return params;
}

export function checkCreate(body: unknown, options: ValidationOptions): Checked<CreateInput> {
  if (!isObject(body)) return { ok: false, errors: { body: 'Send a JSON object.' } };
  const errors: FieldErrors = {};
  const name = checkName(body.name, errors);
  const app = typeof body.app === 'string' ? findApp(body.app) : undefined;
  if (!app) errors.app = 'Choose an app from the catalogue.';
  const size = checkSize(body.size, errors);
  const count = checkCount(body.count, errors);
  const region = body.region === undefined || body.region === '' ? options.regions[0] : body.region;
  if (typeof region !== 'string' || !options.regions.includes(region))
    errors.region = `Choose a region: ${options.regions.join(', ')}.`;
  const params = checkParams(app, body.params, errors);
  for (const key of Object.keys(body))
    if (!['name', 'app', 'size', 'count', 'region', 'params'].includes(key))
      errors[key] = `Unknown field ${key}.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: name!,
      app: app!.id,
      size: size!,
      count: count!,
      region: region as string,
      params: params!,
    },
  };
}

/** An update changes the name, size, count or params; the app and region are fixed. */
export function checkUpdate(body: unknown, appId: string): Checked<UpdateInput> {
  if (!isObject(body)) return { ok: false, errors: { body: 'Send a JSON object.' } };
  const errors: FieldErrors = {};
  const value: UpdateInput = {};
  if (body.name !== undefined) value.name = checkName(body.name, errors);
  if (body.size !== undefined) value.size = checkSize(body.size, errors);
  if (body.count !== undefined) value.count = checkCount(body.count, errors);
  if (body.params !== undefined) value.params = checkParams(findApp(appId), body.params, errors);
  for (const key of Object.keys(body)) {
    if (key === 'app' || key === 'region')
      errors[key] = `The ${key} of a deployment cannot change.`;
    else if (!['name', 'size', 'count', 'params'].includes(key))
      errors[key] = `Unknown field ${key}.`;
  }
  if (Object.keys(errors).length === 0 && Object.keys(value).length === 0)
    errors.body = 'Change at least one of name, size, count or params.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
