/**
 * The names behind a RestController's verb rules (pecan-reference §4.4–4.8), written once: the
 * rules that route a request (rest-handlers.ts, rest-allow.ts) and `pecan routes`, which lists
 * what they can reach (cli/routes/rest-routes.ts), read them from here.
 */

/** DESIGN §5.2: never endpoints by their own name, not even on a RestController. */
export const SPECIAL_NAMES: ReadonlySet<string> = new Set(['_lookup', '_default', '_route']);

/** §4.4: GET on the collection — the first of these that is exposed. */
export const COLLECTION_GET = ['getAll', 'get'] as const;
/** §4.4: GET on one item (`/things/<id>`) — the first of these that is exposed. */
export const ITEM_GET = ['getOne', 'get'] as const;
/** §4.4: `GET /things/<id>/<suffix>` → the method named here. */
export const GET_SUFFIXES: Readonly<Record<'new' | 'edit' | 'delete', string>> = {
  new: 'new',
  edit: 'edit',
  delete: 'getDelete',
};
/** §4.6: DELETE — the first of these that is exposed. */
export const DELETE_METHODS = ['postDelete', 'delete'] as const;
/** §4.8: any of these methods means the resource answers GET (and HEAD, DESIGN §5.6). */
export const GET_METHODS = ['get', 'getOne', 'getAll', 'new', 'edit', 'getDelete'] as const;
/** §4.8: the other verbs an `Allow` lists when their lower-case method exists. */
export const ALLOW_VERBS = ['HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'PATCH'] as const;
/** §4.4–4.6: the verbs a custom action may list. */
export const CUSTOM_ACTION_VERBS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/** §4.7: any other verb (`patch`, `head`, …) is answered by `postVerb`, else `verb`. */
export function verbMethods(verb: string): [string, string] {
  return [`post${capitalise(verb)}`, verb];
}

/** The verb a method answers by the rule of §4.7 (`postPatch` → `patch`, `trace` → `trace`). */
export function verbOfMethod(name: string): string | undefined {
  return (
    /^post([A-Z][a-z]*)$/.exec(name)?.[1]?.toLowerCase() ??
    (/^[a-z]+$/.test(name) ? name : undefined)
  );
}

/** `customActions`: an instance field, else a static one (Pecan's `_custom_actions`, §4.10). */
export function customActionsOf(self: object): object | null {
  let actions = (self as { customActions?: unknown }).customActions;
  if (actions === undefined) {
    const ctor = (Object.getPrototypeOf(self) as { constructor?: unknown } | null)?.constructor;
    actions = (ctor as { customActions?: unknown } | undefined)?.customActions;
  }
  return typeof actions === 'object' && actions !== null ? actions : null;
}

/** The verbs (upper-case) action `name` lists. Only the user's own keys count, never `constructor`. */
export function customActionVerbs(actions: object, name: string): string[] {
  if (!Object.hasOwn(actions, name)) return [];
  const verbs = (actions as Record<string, unknown>)[name];
  return Array.isArray(verbs) ? verbs.map((verb) => String(verb).toUpperCase()) : [];
}

/** §4.4–4.6: a custom action is answered by `verbName` (`getCount`), else the plain `name`. */
export function customActionMethods(verb: string, name: string): [string, string] {
  return [`${verb.toLowerCase()}${capitalise(name)}`, name];
}

/** §4.4–4.6: the action's name is the first segment for PUT and DELETE (ids follow), else the last. */
export function isActionNameFirst(verb: string): boolean {
  const lower = verb.toLowerCase();
  return lower === 'put' || lower === 'delete';
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
