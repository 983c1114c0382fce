/**
 * One OpenAPI operation from one route row: its parameters (path, then query), its body, its
 * responses (success with each content type the endpoint offers, then pecan's errors), its
 * security. Schemas come from `@expose({ schema })`; without one, what the signature says.
 */
import type { ControllerMeta } from '../controller/meta.js';
import { statusReason } from '../core/status.js';
import type { StandardSchemaV1 } from '../core/standard-schema.js';
import type { RouteRow } from '../dispatch/route-list/list-routes.js';
import { objectProperties, toJsonSchema } from './json-schema.js';
import type {
  JsonSchema,
  OpenApiContent,
  OpenApiOperation,
  OpenApiOptions,
  OpenApiParameter,
  OpenApiResponses,
} from './openapi-types.js';
import type { PathVariant } from './path-template.js';

export interface OperationInput {
  row: RouteRow;
  variant: PathVariant;
  /** The names the path gives its parameters (they may differ from the signature's). */
  names: readonly string[];
  /** Parameters before the path arguments: `(req, res)` in explicit mode. */
  leading: number;
  options: OpenApiOptions;
  security: Record<string, string[]>[] | undefined;
}

const STRING: JsonSchema = { type: 'string' };

export function buildOperation(input: OperationInput): Omit<OpenApiOperation, 'operationId'> {
  const { row, variant, names, leading, options } = input;
  const meta = row.meta;
  const schema = meta.schema ?? {};
  const convert = (s: StandardSchemaV1, where: string) =>
    toJsonSchema(s, options.toJsonSchema, `${where} schema of ${meta.label}`);
  const signatureNames = (meta.signature?.params ?? []).slice(leading).map((p) => p.name);
  const pathKeys = variant.params.map((name, i) =>
    signatureNames.length >= variant.params.length ? signatureNames[i]! : name,
  );

  const parameters: OpenApiParameter[] = [];
  const pathSchema = schema.path && objectProperties(convert(schema.path, 'path'));
  pathKeys.forEach((key, i) => {
    parameters.push({
      name: names[i]!,
      in: 'path',
      required: true,
      schema: pathSchema?.properties[key] ?? STRING,
    });
  });
  parameters.push(
    ...queryParameters(meta, schema.query && convert(schema.query, 'query'), pathKeys, leading),
  );

  const operation: Omit<OpenApiOperation, 'operationId'> = {
    tags: meta.doc?.tags ?? [tagOf(meta.label)],
    'x-pecan-handler': row.handler,
    responses: {},
  };
  if (meta.doc?.summary !== undefined) operation.summary = meta.doc.summary;
  const description = [
    meta.doc?.description,
    variant.rest !== null
      ? `Further path segments are passed to \`...${variant.rest}\`.`
      : undefined,
  ].filter((text) => text !== undefined);
  if (description.length > 0) operation.description = description.join('\n\n');
  if (meta.doc?.deprecated === true) operation.deprecated = true;
  if (parameters.length > 0) operation.parameters = parameters;
  if (schema.body !== undefined) {
    operation.requestBody = {
      required: !acceptsNothing(schema.body),
      content: { 'application/json': { schema: convert(schema.body, 'body') } },
    };
  }
  const inPath = new Set(pathKeys);
  const missingIs400 = (meta.signature?.params ?? [])
    .slice(leading)
    .some((param) => !param.hasDefault && !inPath.has(param.name));
  operation.responses = responses(
    meta,
    row,
    variant,
    schema.response && convert(schema.response, 'response'),
    missingIs400,
  );
  if (row.secured && input.security !== undefined) operation.security = input.security;
  return operation;
}

/**
 * The query: each property of the `query` schema; without one, the signature's parameters that
 * the path does not fill (pecan binds them from the query by name, §2.2), as optional strings.
 */
function queryParameters(
  meta: ControllerMeta,
  query: JsonSchema | undefined,
  pathKeys: readonly string[],
  leading: number,
): OpenApiParameter[] {
  if (query !== undefined) {
    const object = objectProperties(query);
    // Not an object schema: the whole query string is one form-style object.
    if (object === undefined)
      return [{ name: 'query', in: 'query', required: false, schema: query }];
    const required = requiredFields(meta.schema!.query!) ?? object.required;
    return Object.entries(object.properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema,
    }));
  }
  const inPath = new Set(pathKeys);
  return (meta.signature?.params ?? [])
    .slice(leading)
    .filter((param) => !inPath.has(param.name))
    .map((param) => ({ name: param.name, in: 'query', required: false, schema: STRING }));
}

function responses(
  meta: ControllerMeta,
  row: RouteRow,
  variant: PathVariant,
  response: JsonSchema | undefined,
  missingIs400: boolean,
): OpenApiResponses {
  const status = meta.doc?.status ?? 200;
  const result: OpenApiResponses = {};
  const success: { description: string; content?: OpenApiContent } = {
    description: statusReason(status) ?? 'Success',
  };
  if (status !== 204 && status !== 304) success.content = successContent(meta, response);
  result[String(status)] = success;
  const schema = meta.schema;
  if (schema?.path || schema?.query || schema?.body) {
    result['400'] = { $ref: '#/components/responses/ValidationFailed' };
  } else if (missingIs400) {
    result['400'] = { $ref: '#/components/responses/BadRequest' };
  }
  if (row.secured) result['401'] = { $ref: '#/components/responses/Unauthorized' };
  if (variant.params.length > 0) result['404'] = { $ref: '#/components/responses/NotFound' };
  return result;
}

/** One entry per content type the endpoint offers (§3.1); JSON ones carry the response schema. */
function successContent(meta: ControllerMeta, response: JsonSchema | undefined): OpenApiContent {
  const content: OpenApiContent = {};
  for (const [type, template] of meta.contentTypes) {
    const key = type ?? '*/*';
    const json = type !== null && (type === 'application/json' || type.endsWith('+json'));
    content[key] = { schema: json ? (response ?? {}) : template === null ? {} : STRING };
  }
  return content;
}

/**
 * The fields a query schema requires, asked of the validator itself: the fields an empty query
 * fails on. JSON Schema exports get this wrong for preprocessed optional fields (a zod
 * `z.preprocess(…, z.array(…).optional())` exports as required). Asynchronous validators are
 * not asked: undefined, and the export's `required` is used.
 */
function requiredFields(schema: StandardSchemaV1): Set<string> | undefined {
  try {
    const result = schema['~standard'].validate({});
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return undefined;
    }
    const fields = new Set<string>();
    for (const issue of result.issues ?? []) {
      const first = issue.path?.[0];
      const key = typeof first === 'object' && first !== null ? first.key : first;
      if (typeof key === 'string') fields.add(key);
    }
    return fields;
  } catch {
    return undefined;
  }
}

/** Whether the body schema accepts a request without a body (synchronous validators only). */
function acceptsNothing(schema: StandardSchemaV1): boolean {
  try {
    const result = schema['~standard'].validate(undefined);
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return false;
    }
    return result.issues === undefined;
  } catch {
    return false;
  }
}

/** `BooksController.getOne` → `Books`. */
function tagOf(label: string): string {
  const owner = label.split('.')[0] ?? label;
  return owner.endsWith('Controller') && owner !== 'Controller'
    ? owner.slice(0, -'Controller'.length)
    : owner;
}
