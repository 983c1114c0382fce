import { currentScope } from '../core/context.js';
import type { App } from '../app/app.js';
import type { PecanRequest } from '../core/request.js';
import type { State } from '../app/state.js';
import type { Rendered } from './renderers.js';
import { noRequestError } from '../core/pecan-errors.js';

function stateFor(what: string): State {
  const state = currentScope<State>();
  if (state === undefined) throw noRequestError(`${what}()`);
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

/**
 * Renders a template with the app's renderers and returns the result (§3.7): the same names as
 * `@expose` (`'page.html'`, `'nunjucks:page.html'`, `'json'`). Works while a request is handled;
 * elsewhere (or in explicit mode) pass the app — `makeApp(...)` or its `.app`.
 */
export function render(template: string, namespace: unknown, app?: App | { app: App }): Rendered {
  const owner = app === undefined ? stateFor('render').app : 'app' in app ? app.app : app;
  return owner.renderers.render(template, namespace);
}
