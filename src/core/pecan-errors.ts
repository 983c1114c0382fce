/**
 * The catalogue of pecan's own developer-facing errors: a mistake in how an app uses pecan
 * (a decorator misapplied, a `_lookup` returning the wrong shape, an option of the wrong type),
 * as opposed to an HTTP error answered to a client. Each has a stable `code`, and
 * docs/errors.md#error-codes documents each code and its fix. The code is on `error.code`
 * and at the head of the stack trace (`TypeError [PECAN_ERR_LOOKUP_RESULT]: …`), as Node shows
 * its own `ERR_*` codes. Messages may improve; codes do not change.
 */

/** An error from this catalogue: a plain `Error` or `TypeError` with a stable code. */
export interface PecanError extends Error {
  readonly code: PecanErrorCode;
}

type Base = ErrorConstructor | TypeErrorConstructor;

/** Makes the error for `code`: the class `Base`, the message `message(...args)`. */
interface ErrorFactory<A extends unknown[]> {
  (...args: A): PecanError;
  readonly code: PecanErrorCode;
}

function defineError<A extends unknown[]>(
  code: PecanErrorCode,
  Base: Base,
  message: (...args: A) => string,
): ErrorFactory<A> {
  const make = (...args: A): PecanError => {
    const error = new Base(message(...args)) as Error & { code: PecanErrorCode };
    error.code = code;
    // The stack's first line names the code, as Node does for its own errors: the name is set
    // while the stack is formatted, then the class's own name shows again.
    Object.defineProperty(error, 'name', { value: `${Base.name} [${code}]`, configurable: true });
    void error.stack;
    delete (error as { name?: string }).name;
    return error;
  };
  return Object.assign(make, { code });
}

/** Every code, in the order docs/errors.md lists them. */
export const wrappedMethodError = defineError(
  'PECAN_ERR_WRAPPED_METHOD',
  TypeError,
  (method: string, where: 'below' | 'above') =>
    where === 'below'
      ? `${method}: a decorator below @expose replaced the method with a wrapper, which hides ` +
        `its parameter names: return wraps(method, wrapper) from that decorator ` +
        `(import { wraps } from 'pecan')`
      : `${method}: a decorator above @expose replaced the exposed method, so it would never be ` +
        `routed: return wraps(method, wrapper) from that decorator, or put it below @expose`,
);
export const PECAN_ERROR_CODES = [
  // Controllers: @expose, @when, route()
  'PECAN_ERR_SEGMENT_TYPE',
  'PECAN_ERR_WRAPPED_METHOD',
  'PECAN_ERR_SEGMENT_INVALID',
  'PECAN_ERR_SPECIAL_GENERIC',
  'PECAN_ERR_SPECIAL_ROUTE',
  'PECAN_ERR_WHEN_METHOD',
  'PECAN_ERR_WHEN_ROUTE',
  'PECAN_ERR_SCHEMA',
  'PECAN_ERR_WHEN_BY_NAME',
  'PECAN_ERR_WHEN_TARGET',
  'PECAN_ERR_WHEN_UNKNOWN',
  'PECAN_ERR_ROUTE_NOT_EXPOSED',
  'PECAN_ERR_ROUTE_ARGUMENTS',
  'PECAN_ERR_ROUTE_PARENT',
  'PECAN_ERR_ROUTE_HANDLER',
  'PECAN_ERR_ROUTE_TAKEN',
  'PECAN_ERR_SEGMENT_TAKEN',
  'PECAN_ERR_SEGMENT_CONFLICT',
  // Dispatch
  'PECAN_ERR_LOOKUP_RESULT',
  'PECAN_ERR_ROUTE_RESULT',
  'PECAN_ERR_REST_SEGMENT',
  // The request story
  'PECAN_ERR_EXPLICIT_SIGNATURE',
  'PECAN_ERR_FORWARD_LOOP',
  'PECAN_ERR_NO_REQUEST',
  'PECAN_ERR_REDIRECT_INTERNAL_CODE',
  'PECAN_ERR_REDIRECT_INTERNAL_LOCATION',
  'PECAN_ERR_REDIRECT_NO_REQUEST',
  'PECAN_ERR_REDIRECT_LOCATION',
  // Responses
  'PECAN_ERR_ABORT_STATUS',
  'PECAN_ERR_STATUS',
  'PECAN_ERR_HEADER_VALUE',
  'PECAN_ERR_COOKIE_NAME',
  'PECAN_ERR_COOKIE_VALUE',
  'PECAN_ERR_COOKIE_OPTION',
  'PECAN_ERR_INVALID_BODY',
  'PECAN_ERR_CUSTOM_CLASS',
  'PECAN_ERR_STREAM_CHUNK',
  // Hooks
  'PECAN_ERR_HOOKS_LIST',
  'PECAN_ERR_NOT_A_HOOK',
  'PECAN_ERR_CLASS_HOOKS',
  'PECAN_ERR_TRANSACTION_CALLBACK',
  'PECAN_ERR_AFTER_ACTION',
  'PECAN_ERR_VIEWER_CONFIG',
  // Security
  'PECAN_ERR_SECURE_NO_CHECK',
  'PECAN_ERR_SECURE_CHECK',
  'PECAN_ERR_SECURE_TARGET',
  'PECAN_ERR_UNLOCKED_TARGET',
  'PECAN_ERR_DECORATOR_KIND',
  'PECAN_ERR_CHECK_NAME',
  // Templates
  'PECAN_ERR_TEMPLATE_NAMESPACE',
  'PECAN_ERR_TEMPLATE_OUTSIDE',
  'PECAN_ERR_TEMPLATE_NOT_FOUND',
  'PECAN_ERR_ENGINE_MISSING',
  'PECAN_ERR_ENGINE_UNKNOWN',
  // makeApp's edge options
  'PECAN_ERR_WRAP_APP',
  'PECAN_ERR_WRAP_APP_RESPONSE',
  'PECAN_ERR_STATIC_INDEX',
] as const;

export type PecanErrorCode = (typeof PECAN_ERROR_CODES)[number];

// Controllers: @expose, @when, route() (pecan-reference §1.9, §3.5)
export const segmentTypeError = defineError(
  'PECAN_ERR_SEGMENT_TYPE',
  TypeError,
  (route: unknown) => `route must be a string, got ${typeof route}`,
);
export const segmentInvalidError = defineError(
  'PECAN_ERR_SEGMENT_INVALID',
  Error,
  (route: string) =>
    `"${route}" is not a valid path segment: use letters, digits and - _ $ ( ) . ~ ! , ; : * + @ =`,
);
export const specialGenericError = defineError(
  'PECAN_ERR_SPECIAL_GENERIC',
  Error,
  (name: string) => `${name} cannot be a generic controller (§1.7)`,
);
export const specialRouteError = defineError(
  'PECAN_ERR_SPECIAL_ROUTE',
  Error,
  (name: string) => `${name} cannot have a custom route (§1.7)`,
);
export const whenMethodError = defineError(
  'PECAN_ERR_WHEN_METHOD',
  TypeError,
  () => 'when() needs { method } (§3.5: the method is mandatory)',
);
export const whenRouteError = defineError(
  'PECAN_ERR_WHEN_ROUTE',
  Error,
  () => 'route is not allowed on @when handlers (§1.9)',
);
export const schemaError = defineError(
  'PECAN_ERR_SCHEMA',
  TypeError,
  (label: string, key: string) =>
    `${label}: schema.${key} is not a Standard Schema (an object with "~standard", version 1)`,
);
export const whenByNameError = defineError(
  'PECAN_ERR_WHEN_BY_NAME',
  TypeError,
  () => 'when(name, …) by name only works as a decorator; pass the generic function instead',
);
export const whenTargetError = defineError(
  'PECAN_ERR_WHEN_TARGET',
  Error,
  (label: string, target: string) =>
    `${label}: @when target ${target} is not exposed with { generic: true }`,
);
export const whenUnknownError = defineError(
  'PECAN_ERR_WHEN_UNKNOWN',
  Error,
  (className: string, label: string, genericName: string) =>
    `${className}.${label}: @when('${genericName}') names no method of ${className}`,
);
export const routeNotExposedError = defineError(
  'PECAN_ERR_ROUTE_NOT_EXPOSED',
  TypeError,
  (handler: unknown) => `route(): ${String(handler)} is not exposed`,
);
export const routeArgumentsError = defineError(
  'PECAN_ERR_ROUTE_ARGUMENTS',
  TypeError,
  (count: number) => `route() takes 2 or 3 arguments, got ${count}`,
);
export const routeParentError = defineError(
  'PECAN_ERR_ROUTE_PARENT',
  TypeError,
  () => 'route(): the parent must be a controller class',
);
export const routeHandlerError = defineError(
  'PECAN_ERR_ROUTE_HANDLER',
  TypeError,
  () => 'route(): the handler must be a controller or an exposed function',
);
export const routeTakenError = defineError(
  'PECAN_ERR_ROUTE_TAKEN',
  Error,
  (parent: string, segment: string) => `${parent} already has an attribute named "${segment}"`,
);
export const segmentTakenError = defineError(
  'PECAN_ERR_SEGMENT_TAKEN',
  Error,
  (className: string, key: string, segment: string) =>
    `${className}.${key} has a custom path segment "${segment}", but ${className} already has an attribute named "${segment}"`,
);
export const segmentConflictError = defineError(
  'PECAN_ERR_SEGMENT_CONFLICT',
  Error,
  (className: string, key: string, other: string, segment: string) =>
    `${className}.${key} and ${className}.${other} have a conflicting custom path segment "${segment}"`,
);

// Dispatch (§1.5, §1.7, §1.9)
export const lookupShapeError = defineError(
  'PECAN_ERR_LOOKUP_RESULT',
  TypeError,
  (label: string) => `${label} must return [controller, remainingSegments]`,
);
export const routeShapeError = defineError(
  'PECAN_ERR_ROUTE_RESULT',
  TypeError,
  () => '_route must return [controller, remainingSegments]',
);
export const restSegmentError = defineError(
  'PECAN_ERR_REST_SEGMENT',
  Error,
  (className: string, key: string) =>
    `Path segments cannot be used with RestController: remove the route option of ` +
    `@expose on ${className}.${key} (§1.9)`,
);

// The request story (§7.1, §7.2, §7.6)
export const explicitSignatureError = defineError(
  'PECAN_ERR_EXPLICIT_SIGNATURE',
  TypeError,
  (label: string) =>
    `${label} must take (req, res, ...args): the app was made with { contextLocals: false } (§7.2)`,
);
export const forwardLoopError = defineError(
  'PECAN_ERR_FORWARD_LOOP',
  Error,
  (path: string, chain: string) =>
    `Forwarding loop detected; ${path} visited twice (internal redirect path: ${chain})`,
);
export const noRequestError = defineError(
  'PECAN_ERR_NO_REQUEST',
  Error,
  (what: string) => `${what} only works while a request is handled (with context locals on)`,
);
export const contextUnboundError = defineError(
  'PECAN_ERR_NO_REQUEST',
  Error,
  (what: string) =>
    `pecan.${what} is not bound to a request: it is only usable while a request is handled, ` +
    `and not at all in an app made with { contextLocals: false } (use the req/res arguments there)`,
);
export const redirectInternalCodeError = defineError(
  'PECAN_ERR_REDIRECT_INTERNAL_CODE',
  Error,
  () => 'redirect(): an internal redirect takes no status code',
);
export const redirectInternalLocationError = defineError(
  'PECAN_ERR_REDIRECT_INTERNAL_LOCATION',
  Error,
  () => 'redirect(): an internal redirect needs a location',
);
export const redirectNoRequestError = defineError(
  'PECAN_ERR_REDIRECT_NO_REQUEST',
  Error,
  () => 'redirect() without a location needs the current request',
);
export const redirectLocationError = defineError(
  'PECAN_ERR_REDIRECT_LOCATION',
  TypeError,
  (location: string) =>
    `redirect(): ${JSON.stringify(location)} is not a URL, so it cannot be a Location ` +
    `(check its host, port and brackets; a user-supplied target must be validated first)`,
);

// Responses (§7.3, §7.8, §8.1)
export const abortStatusError = defineError(
  'PECAN_ERR_ABORT_STATUS',
  TypeError,
  (status: number) => `abort(): no HTTP error is defined for status ${status}`,
);
export const statusError = defineError(
  'PECAN_ERR_STATUS',
  TypeError,
  (status: unknown) => `Invalid status: ${JSON.stringify(status)}`,
);
export const headerValueError = defineError(
  'PECAN_ERR_HEADER_VALUE',
  TypeError,
  (name: string) => `Invalid value for header "${name}"`,
);
export const cookieNameError = defineError(
  'PECAN_ERR_COOKIE_NAME',
  TypeError,
  (name: string) => `Invalid cookie name: ${JSON.stringify(name)}`,
);
export const cookieValueError = defineError(
  'PECAN_ERR_COOKIE_VALUE',
  TypeError,
  (name: string, why: string) => `Invalid cookie value for ${name}: ${why}`,
);
export const cookieOptionError = defineError(
  'PECAN_ERR_COOKIE_OPTION',
  TypeError,
  (option: string, name: string, why: string) => `Invalid cookie ${option} for ${name}: ${why}`,
);
export const invalidBodyError = defineError(
  'PECAN_ERR_INVALID_BODY',
  TypeError,
  (label: string, described: string) =>
    `${label} returned ${described}, which is not a valid body: ` +
    `return a string or bytes, or expose it with a template such as @expose('json')`,
);
export const customClassError = defineError(
  'PECAN_ERR_CUSTOM_CLASS',
  TypeError,
  (option: string, base: string, described: string) =>
    `${option} must be ${base} or a class that extends it, not ${described} ` +
    `(in a config file, import the class: a module specifier is not resolved here)`,
);
export const streamChunkError = defineError(
  'PECAN_ERR_STREAM_CHUNK',
  TypeError,
  (described: string) =>
    `a streamed body yielded ${described}; a stream (generator, iterator or ReadableStream) ` +
    `must yield strings or bytes: serialise each item, e.g. JSON.stringify(item) + '\\n'`,
);

// Hooks (§5)
export const hooksListError = defineError(
  'PECAN_ERR_HOOKS_LIST',
  TypeError,
  () => 'hooks must be a list of hooks (or a function returning one)',
);
export const notAHookError = defineError(
  'PECAN_ERR_NOT_A_HOOK',
  TypeError,
  (hook: unknown) => `${String(hook)} is not a PecanHook`,
);
export const classHooksError = defineError(
  'PECAN_ERR_CLASS_HOOKS',
  TypeError,
  (className: string) => `${className}.hooks must be a list of PecanHook instances`,
);
export const transactionCallbackError = defineError(
  'PECAN_ERR_TRANSACTION_CALLBACK',
  TypeError,
  (name: string) => `TransactionHook: ${name} must be a function`,
);
export const afterActionError = defineError(
  'PECAN_ERR_AFTER_ACTION',
  TypeError,
  (kind: string) => `${kind}() needs a function`,
);
export const viewerConfigError = defineError(
  'PECAN_ERR_VIEWER_CONFIG',
  TypeError,
  (key: string) => `RequestViewerHook: ${key} must be a list`,
);

// Security (§6)
export const secureNoCheckError = defineError(
  'PECAN_ERR_SECURE_NO_CHECK',
  TypeError,
  () =>
    'secure(controller, check): securing a controller needs a check (a function or a method name)',
);
export const secureCheckError = defineError(
  'PECAN_ERR_SECURE_CHECK',
  TypeError,
  () => 'secure(controller, check): the check must be a function or a method name',
);
export const secureTargetError = defineError(
  'PECAN_ERR_SECURE_TARGET',
  TypeError,
  () => 'secure(controller, check): the controller must be an object',
);
export const unlockedTargetError = defineError(
  'PECAN_ERR_UNLOCKED_TARGET',
  TypeError,
  () => 'unlocked() takes a method or a controller object',
);
export const decoratorKindError = defineError(
  'PECAN_ERR_DECORATOR_KIND',
  TypeError,
  (name: string, kind: string) => `@${name} decorates methods (got a ${kind})`,
);
export const checkNameError = defineError(
  'PECAN_ERR_CHECK_NAME',
  TypeError,
  (name: string, holder: string) =>
    `security check "${name}" names no method of ${holder} (§6.1: a string check is looked up on the controller)`,
);

// Templates (§3, §9)
export const templateNamespaceError = defineError(
  'PECAN_ERR_TEMPLATE_NAMESPACE',
  TypeError,
  (described: string) =>
    `a template needs an object namespace, but the controller returned ${described}`,
);
export const templateOutsideError = defineError(
  'PECAN_ERR_TEMPLATE_OUTSIDE',
  Error,
  (name: string, templatePath: string) =>
    `template "${name}" is not inside the template folder ${templatePath}`,
);
export const templateNotFoundError = defineError(
  'PECAN_ERR_TEMPLATE_NOT_FOUND',
  Error,
  (what: string) => `Could not find ${what}`,
);
export const engineMissingError = defineError(
  'PECAN_ERR_ENGINE_MISSING',
  Error,
  (renderer: string, packageName: string) =>
    `the "${renderer}" renderer needs the package "${packageName}", which is not installed: ` +
    `run \`npm install ${packageName}\``,
);
export const engineUnknownError = defineError(
  'PECAN_ERR_ENGINE_UNKNOWN',
  Error,
  (name: string, known: string) =>
    `support for "${name}" was not found; supported template engines are ${known}`,
);

// makeApp's edge options (§0.1, §13)
export const wrapAppError = defineError(
  'PECAN_ERR_WRAP_APP',
  TypeError,
  () => 'makeApp(): wrapApp must return a handler (request) => Promise<response>',
);
export const wrapAppResponseError = defineError(
  'PECAN_ERR_WRAP_APP_RESPONSE',
  TypeError,
  (response: unknown) => `wrapApp's handler resolved to ${String(response)}, not a PecanResponse`,
);
export const staticIndexError = defineError(
  'PECAN_ERR_STATIC_INDEX',
  TypeError,
  (index: string) => `makeApp(): serveStatic.index must be a file name, not ${index}`,
);
