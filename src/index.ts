import './controller/metadata-polyfill.js';

export { makeApp, type PecanApp, type AppOptions } from './make-app.js';
export {
  Config,
  conf,
  setConfig,
  defineConfig,
  loadApp,
  deploy,
  createServer,
  drainServer,
  createLogger,
  createAccessLogger,
  ConfigError,
  type ConfigSource,
  type ConfigOptions,
  type SetConfigOptions,
  type ConfigInput,
  type ServerSettings,
  type AppSettings,
  type PecanConf,
  type LoadedApp,
  type ServerLimits,
  type LoggingSettings,
  type LoggerSettings,
  type LogLevel,
  type LogRecord,
  type LogStream,
} from './config/index.js';
export type { App } from './app/app.js';
export { type PecanHandler, type WrapApp } from './middleware/handler.js';
export { type NodeMiddleware } from './middleware/node-middleware.js';
export { type StaticOptions } from './middleware/static-files.js';
export { type StaticFile, type StaticFileSystem } from './middleware/file-system.js';
export {
  expose,
  when,
  acceptNoncanonical,
  type ExposeOptions,
  type ResponseOf,
  type SchemaDecorator,
  type WhenOptions,
} from './controller/expose.js';
export type {
  EndpointSchema,
  FieldError,
  InferInput,
  InferOutput,
  InputLocation,
  Inputs,
  OperationDoc,
  StandardSchemaV1,
  Valid,
  ValidInput,
} from './core/standard-schema.js';
export type {
  JsonSchema,
  JsonSchemaConverter,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiOptions,
} from './openapi/openapi-types.js';
export { route } from './controller/route.js';
export { wraps } from './controller/wraps.js';
export { RestController } from './dispatch/rest/rest-controller.js';
export { abort, HTTPError, type HTTPErrorOptions } from './core/errors.js';
export type { PecanError, PecanErrorCode } from './core/pecan-errors.js';
export { redirect, type RedirectOptions } from './core/redirect.js';
export { request, response } from './core/context.js';
export { PecanRequest, type RoutingState, type RequestHeaders } from './core/request.js';
export { PecanResponse, type ResponseBody } from './core/response.js';
export type { ResponseHeaders } from './core/headers.js';
export type { State, Arguments } from './app/state.js';
export { type Logger } from './core/logger.js';
export { type CookieOptions } from './core/cookies.js';
export { type UploadedFile } from './core/body.js';
export { PecanHook, type HooksOption } from './hooks/pecan-hook.js';
export { HookController } from './hooks/hook-controller.js';
export { TransactionHook, type TransactionCallback } from './hooks/transaction-hook.js';
export {
  transactional,
  afterCommit,
  afterRollback,
  type AfterAction,
} from './hooks/transactional.js';
export {
  RequestViewerHook,
  type RequestViewerConfig,
  type Writer,
} from './hooks/request-viewer-hook.js';
export { jsonify } from './render/jsonify.js';
export { secure, unlocked } from './security/secure.js';
export { SecureController } from './security/secure-controller.js';
export { type SecurityCheck } from './security/marks.js';
export { overrideTemplate, render } from './render/template-api.js';
export {
  type Rendered,
  type Renderer,
  type RendererFactory,
  type RendererOptions,
} from './render/renderers.js';
export { type ExtraNamespace } from './render/extra-namespace.js';
export { TemplateError, type TemplateErrorDetails } from './render/template-error.js';
