/**
 * The debug error page (Pecan's `DebugMiddleware` without backlash, §8.6): only with
 * `debug: true`, for errors the app did not turn into a response. Everything it shows comes from
 * the request or the error, so everything is HTML-escaped.
 */
import { HTTPError } from '../core/errors.js';
import { PecanResponse } from '../core/response.js';
import type { State } from '../app/state.js';
import { getMeta } from '../controller/meta.js';
import { escapeHtml } from '../render/escape-html.js';
import { formatLineContext } from '../render/line-context.js';
import { findTemplateError, type TemplateError } from '../render/template-error.js';
import { describeValue } from './describe-value.js';

const STYLE = `body{font-family:sans-serif;margin:2em;color:#222}
h1{color:#a00}h2{border-bottom:1px solid #ccc;margin-top:1.5em}
pre{background:#f4f4f4;padding:1em;overflow:auto;white-space:pre-wrap}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:2px 1em 2px 0}
th{font-weight:normal;color:#555}.error-line{background:#fdd}
.config-help{background:#ffd;padding:.5em 1em}`;

const debugPages = new WeakSet<PecanResponse>();

/** The page for `error`: status 500, or the error's own status when it is an HTTPError. */
export function debugPage(state: State, error: unknown): PecanResponse {
  const response = new PecanResponse(renderDebugPage(state, error));
  response.status = error instanceof HTTPError ? error.status : 500;
  response.headers.set('Content-Type', 'text/html; charset=UTF-8');
  debugPages.add(response);
  return response;
}

/**
 * Whether a response is a debug page. Pecan's DebugMiddleware sits outside the error documents
 * (§0.1), so an error page never replaces it.
 */
export function isDebugPage(response: PecanResponse): boolean {
  return debugPages.has(response);
}

function renderDebugPage(state: State, error: unknown): string {
  const template = findTemplateError(error);
  return `<!DOCTYPE html>
<html>
 <head>
  <meta charset="utf-8">
  <title>Pecan - Application Error</title>
  <style>${STYLE}</style>
 </head>
 <body>
  <header><h1>An error occurred!</h1></header>
  <div id="error-content">
   <p class="config-help">This page is shown because the app runs in debug mode. To disable
   it, set <code>debug: false</code> (<code>makeApp(root, { debug: false })</code>, or
   <code>app.debug</code> in the config). Never enable debug mode in production.</p>
   <h2>${escapeHtml(headline(error))}</h2>
${template === undefined ? '' : templateSection(template)}
   <h2>Traceback</h2>
   <div id="traceback"><pre>${escapeHtml(traceback(error))}</pre></div>
   <h2>Request</h2>
   <div id="request">${requestSection(state)}</div>
   <h2>Routing state</h2>
   <div id="routing">${routingSection(state)}</div>
  </div>
 </body>
</html>
`;
}

function headline(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function templateSection(error: TemplateError): string {
  const where = error.line === undefined ? '' : `, line ${error.line}`;
  const excerpt =
    error.source === undefined
      ? '<p>(the template file could not be read)</p>'
      : formatLineContext(error.source, error.line);
  return `   <h2>Template error</h2>
   <div id="template-error">
    <p>${escapeHtml(error.engine)} template <code>${escapeHtml(error.template)}</code>:
    <code>${escapeHtml(error.file ?? error.template)}</code>${escapeHtml(where)}</p>
    <p>${escapeHtml(error.reason)}</p>
    ${excerpt}
   </div>`;
}

/** The stack, then the stack of each cause (engines wrap the errors of templates). */
function traceback(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && !seen.has(current);) {
    seen.add(current);
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(`thrown value: ${describeValue(current)}`);
      current = undefined;
    }
  }
  return parts.join('\n\nCaused by: ');
}

function requestSection(state: State): string {
  const request = state.request;
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  return table([
    ['method', request.method],
    ['URL', request.url],
    ...headers.map(([name, value]): [string, string] => [`header ${name}`, value]),
  ]);
}

function routingSection(state: State): string {
  const controller = state.controller;
  const label = getMeta(controller)?.label ?? (controller === null ? null : controller.name);
  return table([
    ['controller', label ?? '(none: the error came before dispatch found one)'],
    ['arguments', describeValue(state.arguments)],
    ['request.pecan', describeValue(state.request.pecan)],
    ['request.context', describeValue(state.request.context)],
  ]);
}

function table(rows: [string, string][]): string {
  const cells = rows
    .map(
      ([name, value]) =>
        `<tr><th>${escapeHtml(name)}</th><td><pre>${escapeHtml(value)}</pre></td></tr>`,
    )
    .join('\n');
  return `<table>\n${cells}\n</table>`;
}
