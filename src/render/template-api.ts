import { currentState } from '../core/context.js';
import type { PecanRequest } from '../core/request.js';
import type { State } from '../core/state.js';

function stateFor(what: string): State {
  const state = currentState();
  if (state === undefined)
    throw new Error(`${what}() only works while a request is handled (with context locals on)`);
  return state;
}

/**
 * Replaces the template for this request (§3.6); `null` sends the return value as it is.
 * `contentType` also replaces the response type. In explicit mode pass the request.
 */
export function overrideTemplate(
  template: string | null,
  contentType?: string,
  request?: PecanRequest,
): void {
  const pecan = (request ?? stateFor('overrideTemplate').request).pecan;
  pecan.overrideTemplate = template;
  if (contentType !== undefined) pecan.overrideContentType = contentType;
}

/** Renders a template with the app's renderers and returns the result (§3.7). */
export function render(
  template: string,
  namespace: unknown,
): string | Uint8Array | Promise<string | Uint8Array> {
  return stateFor('render').app.renderers.render(template, namespace);
}
