/**
 * A client typed against the controller tree (docs/typed-apis.md "A typed test client"):
 * `testApp.client<RootController>()` mirrors the tree, so `api.books.getOne(3)` sends
 * `GET /books/3` and resolves to a response whose `json` is what `getOne` returns. The URL and
 * method come from the same walk as `pecan routes` and the OpenAPI document, so they follow
 * object dispatch, RestController conventions, custom actions, nested resources and `@when`.
 */
import { getMeta, type ControllerMeta } from '../controller/meta.js';
import { childOf } from '../dispatch/child-of.js';
import { listRoutes, type RouteRow } from '../dispatch/route-list/list-routes.js';
import { listRestRoutes } from '../dispatch/route-list/rest-routes.js';
import type { TestRequestOptions } from './test-app.js';
import type { TestResponse } from './test-response.js';

/** A response whose `json` is typed as what the endpoint returns. */
export type TypedResponse<T> = Omit<TestResponse, 'json'> & { readonly json: T };

/** One endpoint of the tree: the method's own parameters, its result as the response body. */
export type ClientEndpoint<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<TypedResponse<Awaited<R>>>
  : never;

type Skipped = 'constructor' | 'customActions' | `_${string}`;

/**
 * The client of a controller: its methods become calls, its sub-controllers clients. Data
 * members (strings, numbers…) and the special names (`_lookup`, `_default`, `_route`) are left
 * out. `$with(options)` gives the same client with request options (headers, `status`, …).
 */
export type Client<T> = {
  readonly [
    K in keyof T as K extends Skipped
      ? never
      : T[K] extends (...args: never[]) => unknown
        ? K
        : T[K] extends object
          ? K
          : never
  ]: T[K] extends (...args: never[]) => unknown ? ClientEndpoint<T[K]> : Client<T[K]>;
} & { $with(options: TestRequestOptions): Client<T> };

/** What the client needs of the TestApp that made it. */
export interface ClientTarget {
  readonly root: unknown;
  readonly explicitArgs: boolean;
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function makeClient<T>(target: ClientTarget, options: TestRequestOptions = {}): Client<T> {
  let rows: RouteRow[] | null = null;
  const routes = () =>
    (rows ??= listRoutes(target.root, {
      explicitArgs: target.explicitArgs,
      routeOwn: listRestRoutes,
    }));
  const level = (names: string[], given: TestRequestOptions): unknown =>
    new Proxy(function () {}, {
      get(_, name) {
        if (typeof name !== 'string' || name === 'then') return undefined;
        if (name === '$with')
          return (more: TestRequestOptions) => level(names, { ...given, ...more });
        return level([...names, name], given);
      },
      apply(_, __, args: unknown[]) {
        return call(target, routes(), names, args, given);
      },
    });
  return level([], options) as Client<T>;
}

function call(
  target: ClientTarget,
  rows: RouteRow[],
  names: string[],
  args: unknown[],
  given: TestRequestOptions,
): Promise<TestResponse> {
  const label = names.join('.');
  let node: unknown = target.root;
  for (const name of names) {
    node =
      typeof node === 'object' || typeof node === 'function'
        ? childOf(node as object, name)
        : undefined;
  }
  const meta = getMeta(node);
  if (meta === undefined) throw new TypeError(`client.${label} is not an exposed method`);
  const row = pickRow(rows, meta, names);
  if (row === undefined) {
    throw new TypeError(`client.${label} is not reachable by a URL (or only through _lookup)`);
  }
  const method =
    row.methods !== '*' ? row.methods : meta.schema?.body !== undefined ? 'POST' : 'GET';
  const { path, rest } = fillPath(row.path, args.slice(target.explicitArgs ? 2 : 0), meta);
  const options: TestRequestOptions = { ...given };
  if (rest !== undefined) {
    if (BODY_METHODS.has(method)) options.json = rest;
    else options.params = rest as TestRequestOptions['params'];
  }
  return target.request(method, path, options);
}

/** The row of `meta`; when it is mounted more than once, the one the names lead to. */
function pickRow(rows: RouteRow[], meta: ControllerMeta, names: string[]): RouteRow | undefined {
  const candidates = rows.filter((row) => row.meta === meta && !row.path.includes('…'));
  if (candidates.length <= 1) return candidates[0];
  const wanted = names.join('/');
  return (
    candidates.find((row) => fixedSegments(row.path).join('/') === wanted) ??
    candidates.find((row) => wanted.startsWith(fixedSegments(row.path).slice(0, -1).join('/'))) ??
    candidates[0]
  );
}

function fixedSegments(path: string): string[] {
  return path
    .replace(/\[\/<[^>]+>\]|\/<[^>]+>/g, '')
    .split('/')
    .filter((s) => s !== '');
}

/**
 * The row's path with the arguments in place of its parameters, in order (§2.2: positional);
 * an argument left (a plain object, for a final `{ ...kw }` parameter) is the query or body.
 */
function fillPath(
  pattern: string,
  args: unknown[],
  meta: ControllerMeta,
): { path: string; rest: unknown } {
  let next = 0;
  const positional = () => {
    const value = args[next];
    return value === undefined || isPlainObject(value) ? undefined : args[next++];
  };
  const segment = (value: unknown) => `/${encodeURIComponent(String(value))}`;
  const path = pattern.replace(
    /\[\/<(\.\.\.)?([^>]+)>\]|\/<(\.\.\.)?([^>]+)>/g,
    (token, r1, _n1, r2) => {
      const optional = token.startsWith('[');
      if (r1 !== undefined || r2 !== undefined) {
        const values: unknown[] = [];
        for (let value = positional(); value !== undefined; value = positional())
          values.push(value);
        return values.map(segment).join('');
      }
      const value = positional();
      if (value === undefined) {
        if (optional) return '';
        throw new TypeError(`${meta.label}: the path argument ${token} is missing`);
      }
      return segment(value);
    },
  );
  const rest = args.slice(next).find((value) => value !== undefined);
  return { path: path === '' ? '/' : path, rest };
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
