/**
 * The OpenAPI 3.1 document of an app, built from its controller tree the way `pecan routes`
 * walks it (dispatch/route-list/): object-dispatch paths, RestController conventions, generic
 * handlers, schemas, content types, security and pecan's error responses. What is resolved only
 * at request time (`_lookup`, `_default`, `_route`) cannot be a path: it is listed under
 * `x-pecan-unlisted` instead (docs/typed-apis.md "What the document cannot say").
 */
import type { App } from '../app/app.js';
import { listRoutes, type RouteRow } from '../dispatch/route-list/list-routes.js';
import { listRestRoutes } from '../dispatch/route-list/rest-routes.js';
import { ERROR_RESPONSES, ERROR_SCHEMAS } from './error-components.js';
import { buildOperation } from './operation.js';
import { objectProperties, toJsonSchema } from './json-schema.js';
import {
  DEFAULT_INFO,
  OPERATION_METHODS,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiOptions,
  type OperationMethod,
  type UnlistedRoute,
} from './openapi-types.js';
import { pathShape, pathVariants, renderPath } from './path-template.js';

const DYNAMIC = new Set(['_lookup', '_default', '_route']);
const METHODS: ReadonlySet<string> = new Set(OPERATION_METHODS);

/** The document of `app` (`PecanApp.openapi()` calls it with the app's `openapi` options). */
export function buildOpenApi(app: App, options: OpenApiOptions = {}): OpenApiDocument {
  const leading = app.contextLocals ? 0 : 2;
  const rows = listRoutes(app.root, { explicitArgs: leading === 2, routeOwn: listRestRoutes });
  const schemes = options.securitySchemes;
  const security =
    options.security ??
    (schemes ? Object.keys(schemes).map((name) => ({ [name]: [] })) : undefined);

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? DEFAULT_INFO.title,
      version: options.version ?? DEFAULT_INFO.version,
    },
    paths: {},
    components: { schemas: { ...ERROR_SCHEMAS }, responses: { ...ERROR_RESPONSES } },
  };
  if (options.description !== undefined) document.info.description = options.description;
  const basePath = app.basePath;
  const servers = options.servers ?? (basePath !== '' ? [{ url: basePath }] : undefined);
  if (servers !== undefined) document.servers = servers;
  if (schemes !== undefined) document.components.securitySchemes = schemes;

  const unlisted: UnlistedRoute[] = [];
  const namesByShape = new Map<string, readonly string[]>();
  const operations: {
    operation: Omit<OpenApiOperation, 'operationId'>;
    row: RouteRow;
    path: string;
    method: OperationMethod;
  }[] = [];
  const included = (path: string) =>
    options.include === undefined ||
    options.include.some(
      (prefix) => path === prefix || path.startsWith(`${prefix.replace(/\/$/, '')}/`),
    );
  for (const row of rows) {
    if (!included(row.path)) continue;
    if (DYNAMIC.has(row.note)) {
      unlisted.push({ path: row.path, handler: row.handler, kind: row.note });
      continue;
    }
    if (row.meta.doc?.hidden === true) continue;
    for (const method of methodsOf(row)) {
      if (!METHODS.has(method)) {
        unlisted.push({ path: row.path, handler: row.handler, kind: method.toUpperCase() });
        continue;
      }
      for (const variant of pathVariants(withoutNamedInputs(row, options))) {
        const shape = pathShape(variant);
        // Two templates that differ only in names are one path in OpenAPI: the first names win.
        const names = namesByShape.get(shape) ?? uniqueNames(variant.params, row, leading);
        namesByShape.set(shape, names);
        const path = renderPath(variant, names);
        const item = (document.paths[path] ??= {});
        if (item[method as OperationMethod] !== undefined) continue;
        const operation = buildOperation({ row, variant, names, leading, options, security });
        operations.push({ operation, row, path, method: method as OperationMethod });
        item[method as OperationMethod] = operation as OpenApiOperation;
      }
    }
  }
  const ids = operationIds(operations);
  operations.forEach(({ operation, path, method }, i) => {
    // The id first: it is what a reader of the JSON looks for.
    document.paths[path]![method] = { operationId: ids[i]!, ...operation };
  });
  const tags = new Set(operations.flatMap(({ operation }) => operation.tags));
  if (tags.size > 0) document.tags = [...tags].sort().map((name) => ({ name }));
  if (unlisted.length > 0) document['x-pecan-unlisted'] = unlisted;
  return document;
}

/**
 * A trailing positional parameter that the query or body schema names comes from there: with
 * `search(q)` and a query schema `{ q }`, the path is `/search`, not `/search/{q}` (pecan would
 * take `/search/x` too; the document shows the form the schema describes).
 */
function withoutNamedInputs(row: RouteRow, options: OpenApiOptions): string {
  const schema = row.meta.schema;
  if (!schema?.query && !schema?.body) return row.path;
  const named = new Set<string>();
  for (const [where, s] of [
    ['query', schema.query],
    ['body', schema.body],
  ] as const) {
    if (s === undefined) continue;
    const json = toJsonSchema(s, options.toJsonSchema, `${where} schema of ${row.meta.label}`);
    for (const key of Object.keys(objectProperties(json)?.properties ?? {})) named.add(key);
  }
  let path = row.path;
  for (;;) {
    const last = /(?:\[\/<([^>.][^>]*)>\]|\/<([^>.][^>]*)>)$/.exec(path);
    const name = last?.[1] ?? last?.[2];
    if (last === null || name === undefined || !named.has(name)) return path;
    path = path.slice(0, last.index);
  }
}

/**
 * The methods a row's operations are documented under. A plain endpoint answers every method
 * (§1.2): it is documented as GET, or as POST when it declares a body schema. A generic
 * controller's default answers every method without a `@when` handler (§3.5): documented as
 * GET (or POST) when no handler takes that method.
 */
function methodsOf(row: RouteRow): string[] {
  if (row.methods !== '*') return [row.methods.toLowerCase()];
  const method = row.meta.schema?.body !== undefined ? 'post' : 'get';
  if (row.note === 'generic default' && row.meta.handlers?.has(method.toUpperCase())) return [];
  return [method];
}

/**
 * The names of a row's path parameters: the answering method's own names where its signature
 * covers the whole path (a nested resource's `getOne(authorId, id)` names the parent's id too),
 * made unique (an OpenAPI path cannot name two parameters alike).
 */
function uniqueNames(params: readonly string[], row: RouteRow, leading: number): string[] {
  const own = (row.meta.signature?.params ?? []).slice(leading).map((p) => p.name);
  const names = own.length >= params.length ? own.slice(0, params.length) : [...params];
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}${count}`;
  });
}

/**
 * `operationId`s are stable (from the class and method: `BooksController_getOne`) and unique:
 * a function documented more than once (mounted twice, or under several paths for its optional
 * parameters) gets its path (and method) appended. `@expose({ openapi: { operationId } })` wins.
 */
function operationIds(operations: { row: RouteRow; path: string; method: string }[]): string[] {
  const base = (row: RouteRow) =>
    row.meta.doc?.operationId ?? row.handler.replace(/[^A-Za-z0-9_]+/g, '_');
  const counts = new Map<string, number>();
  for (const { row } of operations) counts.set(base(row), (counts.get(base(row)) ?? 0) + 1);
  const used = new Set<string>();
  return operations.map((entry) => {
    let id = base(entry.row);
    if (counts.get(id)! > 1) id = `${id}__${slug(entry.path)}`;
    if (used.has(id)) id = `${id}__${entry.method}`;
    for (let n = 2; used.has(id); n++) id = `${base(entry.row)}_${n}`;
    used.add(id);
    return id;
  });
}

function slug(path: string): string {
  return (
    path
      .replace(/[{}]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'root'
  );
}
