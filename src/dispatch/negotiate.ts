import { HTTPError } from '../core/errors.js';
import type { ControllerMeta } from '../controller/meta.js';
import type { PecanRequest } from '../core/request.js';
import type { Logger } from '../core/logger.js';
import { bestOffer } from '../core/accept.js';
import { splitExtension } from '../core/mime.js';

/**
 * §3.4: when the last path segment has a known extension, strip it and preset the content
 * type (unless an `onRoute` hook already chose one). Returns the path to route on.
 */
export function applyExtension(request: PecanRequest, path: string): string {
  if (request.pecan.contentType !== null || !path.includes('.')) return path;
  const split = splitExtension(path);
  if (split === null) return path;
  request.pecan.extension = split.extension;
  request.pecan.contentType = split.contentType;
  return split.path;
}

function describe(meta: ControllerMeta): string {
  return [...meta.contentTypes.keys()].map(String).join(', ');
}

/**
 * §3.3–3.4: settle the response content type for the chosen controller — validate the
 * extension's type (404 when not offered), or negotiate the Accept header (406 when nothing fits).
 */
export function negotiateContentType(
  request: PecanRequest,
  meta: ControllerMeta,
  logger: Logger,
): void {
  const pecan = request.pecan;
  const offers = meta.contentTypes;
  if (pecan.contentType !== null) {
    if (meta.defaultContentType !== null && !offers.has(pecan.contentType)) {
      logger.error(
        `Controller '${meta.label}' defined does not support content_type '${pecan.contentType}'. Supported type(s): ${describe(meta)}`,
      );
      throw new HTTPError(404);
    }
    return;
  }
  const accept = request.headers.get('accept') || '*/*';
  // §3.3 steps 1–2: no preference (or a browser asking an HTML-only page) → the default type.
  if (accept === '*/*' || (accept.startsWith('text/html,') && isSimplest(offers))) {
    pecan.contentType = meta.defaultContentType;
    return;
  }
  // DESIGN §5.9: `contentType: null` accepts anything.
  if (offers.has(null)) {
    pecan.contentType = meta.defaultContentType;
    return;
  }
  const chosen = bestOffer(accept, offerList(offers));
  if (chosen === null) {
    logger.error(
      `Controller '${meta.label}' defined does not support content_type '${accept.slice(0, 200)}'. Supported type(s): ${describe(meta)}`,
    );
    throw new HTTPError(406);
  }
  pecan.contentType = chosen;
}

const offerLists = new WeakMap<Map<string | null, string | null>, string[]>();

/**
 * The offers as one stable array per controller, so `bestOffer`'s per-array memo of parsed
 * Accept headers is reused across requests instead of starting empty every time.
 */
function offerList(offers: Map<string | null, string | null>): string[] {
  let list = offerLists.get(offers);
  if (list === undefined || list.length !== offers.size) {
    list = [...offers.keys()] as string[];
    offerLists.set(offers, list);
  }
  return list;
}

function isSimplest(offers: Map<string | null, string | null>): boolean {
  if (offers.size !== 1) return false;
  const only = offers.keys().next().value;
  return only === 'text/html' || only === 'text/plain';
}
