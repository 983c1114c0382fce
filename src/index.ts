import './controller/metadata-polyfill.js';

export { makeApp, type PecanApp } from './make-app.js';
export { App, type AppOptions } from './core/app.js';
export {
  expose,
  when,
  acceptNoncanonical,
  type ExposeOptions,
  type WhenOptions,
} from './controller/expose.js';
export { route } from './controller/route.js';
export { abort, HTTPError, type HTTPErrorOptions } from './core/errors.js';
export { redirect, type RedirectOptions } from './core/redirect.js';
export { request, response } from './core/context.js';
export { PecanRequest, type RoutingState, type RequestHeaders } from './core/request.js';
export { PecanResponse, type ResponseBody } from './core/response.js';
export { ResponseHeaders } from './core/headers.js';
export { State, type Arguments } from './core/state.js';
export { type Logger } from './core/logger.js';
export { type CookieOptions } from './core/cookies.js';
export { type UploadedFile } from './binding/body.js';
export { PecanHook } from './hooks/pecan-hook.js';
export { HookController } from './hooks/hook-controller.js';
export { jsonify } from './render/jsonify.js';
export { overrideTemplate, render } from './render/template-api.js';
export { type Renderer, type RendererFactory, type RendererOptions } from './render/renderers.js';
