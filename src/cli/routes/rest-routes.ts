import { getMeta, type ControllerMeta } from '../../controller/meta.js';
import { classInfo } from '../../dispatch/class-info.js';
import { childOf } from '../../dispatch/lookup.js';
import { RestController } from '../../dispatch/rest/rest-controller.js';
import { memberNames, type RouteRow, type RouteWalker } from './list-routes.js';

// Not REST methods: object dispatch handles these (index, fallbacks) or nothing does.
const NOT_VERBS = new Set(['index', '_lookup', '_default', '_route']);
const CUSTOM_ACTION_VERBS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * The rows of a RestController (§4.4–4.7): `getAll`/`get` on the collection, `getOne`/`get`,
 * `new`, `edit`, `getDelete` on items, custom actions, `post`, `put`, `delete`/`postDelete`,
 * other verbs (`patch`, `postOptions`, …), and nested resources after the parent ids (§4.3).
 * Undefined for other controllers.
 */
export function listRestRoutes(
  node: object,
  prefix: string,
  walker: RouteWalker,
  parentIds: number,
): RouteRow[] | undefined {
  if (!(node instanceof RestController)) return undefined;
  const { exposed, children } = members(node);
  const used = new Set<string>();
  const take = (name: string): ControllerMeta | undefined => {
    const meta = exposed.get(name);
    if (meta !== undefined) used.add(name);
    return meta;
  };
  const rows: RouteRow[] = [];
  const row = (method: string, path: string, meta: ControllerMeta) =>
    rows.push({ methods: method, path, handler: meta.label, note: 'rest' });
  const args = (meta: ControllerMeta) => walker.argsPattern(meta, parentIds);

  // §4.4 GET: the collection, then one item.
  const getAll = take('getAll');
  const getOne = take('getOne');
  const get = take('get');
  if (getAll) row('GET', prefix, getAll);
  else if (get) row('GET', prefix + (getOne ? '' : args(get)), get);
  if (getOne) row('GET', prefix + args(getOne), getOne);
  else if (get && getAll) row('GET', prefix + args(get), get);
  const fresh = take('new');
  if (fresh) row('GET', `${prefix}/new`, fresh);
  for (const [name, suffix] of [
    ['edit', 'edit'],
    ['getDelete', 'delete'],
  ] as const) {
    const meta = take(name);
    if (meta) row('GET', `${prefix}${args(meta)}/${suffix}`, meta);
  }
  // §4.4–4.6 custom actions: the name is last for GET and POST, first for PUT and DELETE.
  for (const [name, methods] of Object.entries(customActionsOf(node))) {
    for (const method of Array.isArray(methods)
      ? methods.map((m) => String(m).toUpperCase())
      : []) {
      if (!CUSTOM_ACTION_VERBS.has(method)) continue;
      const meta = take(`${method.toLowerCase()}${capitalise(name)}`) ?? take(name);
      if (meta === undefined) continue;
      const byFirst = method === 'PUT' || method === 'DELETE';
      row(
        method,
        byFirst ? `${prefix}/${name}${args(meta)}` : `${prefix}${args(meta)}/${name}`,
        meta,
      );
    }
  }
  // §4.5–4.6.
  for (const [method, names] of [
    ['POST', ['post']],
    ['PUT', ['put']],
    ['DELETE', ['postDelete', 'delete']],
  ] as const) {
    const meta = names.map(take).find((m) => m !== undefined);
    if (meta) row(method, prefix + args(meta), meta);
  }
  // §4.7 any other verb: `postVerb` or `verb`.
  for (const [name, meta] of exposed) {
    if (used.has(name) || NOT_VERBS.has(name)) continue;
    const verb =
      /^post([A-Z][a-z]*)$/.exec(name)?.[1] ?? (/^[a-z]+$/.test(name) ? name : undefined);
    if (verb !== undefined) row(verb.toUpperCase(), prefix + args(meta), meta);
  }
  // §4.3 nested resources: a child after the parent's ids (`getOne`'s, else `get`'s).
  const item = getOne ?? get;
  const ids = item
    ? idsPattern(item, walker.leadingParams() + parentIds)
    : { pattern: '', count: 0 };
  for (const [name, child] of children) {
    rows.push(...walker.walk(child, `${prefix}${ids.pattern}/${name}`, parentIds + ids.count));
  }
  return rows;
}

/** The exposed methods and the sub-controllers of a RestController, by name. */
function members(node: object): {
  exposed: Map<string, ControllerMeta>;
  children: [string, object][];
} {
  const info = classInfo(node);
  const exposed = new Map<string, ControllerMeta>();
  const children: [string, object][] = [];
  const names = [...memberNames(node)].sort();
  for (const name of names) {
    let value: unknown;
    try {
      value = childOf(node, name, info);
    } catch {
      continue;
    }
    const meta = getMeta(value);
    if (meta !== undefined) exposed.set(name, meta);
    else if (typeof value === 'object' && value !== null && name !== 'customActions')
      children.push([name, value]);
  }
  for (const [segment, child] of info.attributes ?? []) {
    if (typeof child === 'object' && child !== null) children.push([segment, child]);
  }
  return { exposed, children };
}

function idsPattern(meta: ControllerMeta, skip: number): { pattern: string; count: number } {
  const signature = meta.signature;
  if (signature === null) return { pattern: '', count: 0 };
  const params = signature.params.slice(skip);
  const pattern =
    params.map((p) => `/<${p.name}>`).join('') +
    (signature.rest !== null ? `/<...${signature.rest}>` : '');
  return { pattern, count: params.length };
}

/** `customActions`: an instance field, else a static one (§4.10). */
function customActionsOf(node: object): Record<string, unknown> {
  const own = (node as { customActions?: unknown }).customActions;
  const actions = own ?? (node.constructor as { customActions?: unknown }).customActions;
  return typeof actions === 'object' && actions !== null
    ? (actions as Record<string, unknown>)
    : {};
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
