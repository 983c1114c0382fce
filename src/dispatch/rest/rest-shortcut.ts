/**
 * The requests most RestControllers serve — `GET /things`, `GET /things/<id>` and `POST /things`
 * — answered without running every rule of §4.2–4.4, when nothing those rules look at could change the
 * answer: the class defines `getAll`/`getOne` as exposed methods (no getters, no instance
 * fields by those names), declares no `_lookup` and no custom actions, the request carries no
 * parent ids, and the id is not the name of a sub-controller. Anything else takes the full rules.
 */
import type { PecanRequest } from '../../core/request.js';
import { getMeta } from '../../controller/meta.js';
import { findDescriptor } from '../class-info.js';
import { findController, subController, type RestMethod } from './rest-handlers.js';

interface Shape {
  /** `getAll`, when exposed and callable without path arguments. */
  readonly getAll: Function | null;
  /** `getOne`, when exposed without a rest parameter. */
  readonly getOne: Function | null;
  /** Its positional parameters: the ids one request carries. */
  readonly ids: number;
  /** What the class holds under `getOne`, `getAll` and `get` (exposed or not, or undefined). */
  readonly held: readonly [unknown, unknown, unknown];
}

/** The names the shortcut depends on, as an instance sees them. */
interface Seen {
  getOne?: unknown;
  getAll?: unknown;
  get?: unknown;
  _lookup?: unknown;
  customActions?: unknown;
}

/** Per class (prototype); `null` when the class is not plain enough for the shortcut. */
const shapes = new WeakMap<object, Shape | null>();

export function quickGet(
  self: object,
  args: string[],
  request: PecanRequest,
): RestMethod | undefined {
  const shape = plainShape(self, request);
  if (shape === undefined) return undefined;
  if (args.length === 0 || (args.length === 1 && args[0] === '')) {
    return shape.getAll !== null ? [shape.getAll, []] : undefined;
  }
  if (shape.getOne === null || args.length !== shape.ids) return undefined;
  for (const arg of args) if (arg === '') return undefined;
  const last = args[args.length - 1];
  if (last === 'new' || last === 'edit' || last === 'delete') return undefined;
  if (subController(self, args[0]!) !== undefined) return undefined;
  return [shape.getOne, args];
}

/**
 * `POST /things`: the exposed `post`, under the same conditions as `quickGet`. Without segments
 * the full rules (§4.5) look for nothing else: no nested resource, custom action or `_lookup`
 * can take a request that names nothing below the controller. A missing `post` (a 405 with its
 * `Allow` header) is left to the full rules.
 */
export function quickPost(
  self: object,
  args: string[],
  request: PecanRequest,
): RestMethod | undefined {
  if (args.length !== 0 || plainShape(self, request) === undefined) return undefined;
  const post = findController(self, 'post');
  return post !== undefined ? [post, []] : undefined;
}

/** The class's shape, when neither it nor the instance nor the request leaves the shortcuts. */
function plainShape(self: object, request: PecanRequest): Shape | undefined {
  const shape = shapeOf(self);
  if (shape === null || request.pecan.routingArgs !== undefined) return undefined;
  // An instance field by one of these names changes what they read (plain property reads:
  // cheaper than asking for own properties, and as exact here).
  const seen = self as Seen;
  const [getOne, getAll, get] = shape.held;
  if (seen.getOne !== getOne || seen.getAll !== getAll || seen.get !== get) return undefined;
  if (seen._lookup !== undefined || seen.customActions !== undefined) return undefined;
  return shape;
}

function shapeOf(self: object): Shape | null {
  const proto = Object.getPrototypeOf(self) as object | null;
  if (proto === null) return null;
  let shape = shapes.get(proto);
  if (shape === undefined) {
    // (`route()` cannot attach a child under a name the class already has, §1.9.)
    shape = scan(proto);
    shapes.set(proto, shape);
  }
  return shape;
}

function scan(proto: object): Shape | null {
  const ctor = (proto as { constructor?: { customActions?: unknown } }).constructor;
  if (ctor?.customActions !== undefined) return null;
  if (
    findDescriptor(proto, '_lookup') !== undefined ||
    findDescriptor(proto, 'customActions') !== undefined
  )
    return null;
  const getOne = exposed(proto, 'getOne');
  const getAll = exposed(proto, 'getAll');
  if (getOne === undefined || getAll === undefined) return null; // a getter: decided per request
  // A signature that could not be read counts as no parameters, as in the full rules.
  const one = getOne === null ? null : getMeta(getOne)?.signature;
  const all = getAll === null ? null : getMeta(getAll)?.signature;
  const getDescriptor = findDescriptor(proto, 'get');
  if (getDescriptor !== undefined && !('value' in getDescriptor)) return null;
  return {
    getAll: getAll !== null && (all?.params.every((p) => p.hasDefault) ?? true) ? getAll : null,
    getOne: getOne !== null && one?.rest === null ? getOne : null,
    ids: one?.params.length ?? 0,
    held: [
      findDescriptor(proto, 'getOne')?.value,
      findDescriptor(proto, 'getAll')?.value,
      getDescriptor?.value,
    ],
  };
}

/** The exposed method `name` (`null`: none), or `undefined` when it is an accessor. */
function exposed(proto: object, name: string): Function | null | undefined {
  const descriptor = findDescriptor(proto, name);
  if (descriptor === undefined) return null;
  if ('get' in descriptor || 'set' in descriptor) return undefined;
  return getMeta(descriptor.value) !== undefined ? (descriptor.value as Function) : null;
}
