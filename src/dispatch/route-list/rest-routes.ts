import { getMeta, type ControllerMeta } from '../../controller/meta.js';
import { classInfo } from '../class-info.js';
import { childOf } from '../child-of.js';
import { RestController } from '../rest/rest-controller.js';
import {
  COLLECTION_GET,
  CUSTOM_ACTION_VERBS,
  DELETE_METHODS,
  GET_SUFFIXES,
  ITEM_GET,
  SPECIAL_NAMES,
  customActionMethods,
  customActionVerbs,
  customActionsOf,
  isActionNameFirst,
  verbOfMethod,
} from '../rest/rest-rules.js';
import {
  isBoundaryGuarded,
  isEndpointGuarded,
  memberNames,
  type RouteRow,
  type RouteWalker,
} from './list-routes.js';

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
  guarded: boolean,
): RouteRow[] | undefined {
  if (!(node instanceof RestController)) return undefined;
  const { exposed, children } = members(node);
  const used = new Set<string>();
  const take = (name: string): ControllerMeta | undefined => {
    const meta = exposed.get(name)?.meta;
    if (meta !== undefined) used.add(name);
    return meta;
  };
  const rows: RouteRow[] = [];
  const fnOf = new Map([...exposed.values()].map(({ meta, fn }) => [meta, fn]));
  const row = (method: string, path: string, meta: ControllerMeta) =>
    rows.push({
      methods: method,
      path,
      handler: meta.label,
      note: 'rest',
      meta,
      secured: guarded || isEndpointGuarded(fnOf.get(meta), node),
    });
  const args = (meta: ControllerMeta) => walker.argsPattern(meta, parentIds);

  // §4.4 GET: the collection, then one item; `get` answers whichever has no method of its own.
  const collection = COLLECTION_GET.map(take).find((m) => m !== undefined);
  const item = ITEM_GET.map(take).find((m) => m !== undefined);
  if (collection) row('GET', prefix + (collection === item ? args(collection) : ''), collection);
  if (item && item !== collection) row('GET', prefix + args(item), item);
  const fresh = take(GET_SUFFIXES.new);
  if (fresh) row('GET', `${prefix}/new`, fresh);
  for (const suffix of ['edit', 'delete'] as const) {
    const meta = take(GET_SUFFIXES[suffix]);
    if (meta) row('GET', `${prefix}${args(meta)}/${suffix}`, meta);
  }
  // §4.4–4.6 custom actions: the name is last for GET and POST, first for PUT and DELETE.
  const actions = customActionsOf(node) ?? {};
  for (const name of Object.keys(actions)) {
    for (const verb of customActionVerbs(actions, name)) {
      if (!CUSTOM_ACTION_VERBS.has(verb)) continue;
      const [verbName, plainName] = customActionMethods(verb, name);
      const meta = take(verbName) ?? take(plainName);
      if (meta === undefined) continue;
      const path = isActionNameFirst(verb)
        ? `${prefix}/${name}${args(meta)}`
        : `${prefix}${args(meta)}/${name}`;
      row(verb, path, meta);
    }
  }
  // §4.5–4.6.
  for (const [verb, names] of [
    ['POST', ['post']],
    ['PUT', ['put']],
    ['DELETE', DELETE_METHODS],
  ] as const) {
    const meta = names.map(take).find((m) => m !== undefined);
    if (meta) row(verb, prefix + args(meta), meta);
  }
  // §4.7 any other verb: `postVerb` or `verb`.
  for (const [name, { meta }] of exposed) {
    if (used.has(name) || name === 'index' || SPECIAL_NAMES.has(name)) continue;
    const verb = verbOfMethod(name);
    if (verb !== undefined) row(verb.toUpperCase(), prefix + args(meta), meta);
  }
  // §4.3 nested resources: a child after the parent's ids (`getOne`'s, else `get`'s).
  const ids = item
    ? idsPattern(item, walker.leadingParams() + parentIds)
    : { pattern: '', count: 0 };
  for (const [name, child] of children) {
    const below = guarded || isBoundaryGuarded(node, child);
    rows.push(
      ...walker.walk(child, `${prefix}${ids.pattern}/${name}`, parentIds + ids.count, below),
    );
  }
  return rows;
}

/** The exposed methods and the sub-controllers of a RestController, by name. */
function members(node: object): {
  exposed: Map<string, { meta: ControllerMeta; fn: unknown }>;
  children: [string, object][];
} {
  const info = classInfo(node);
  const exposed = new Map<string, { meta: ControllerMeta; fn: unknown }>();
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
    if (meta !== undefined) exposed.set(name, { meta, fn: value });
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
