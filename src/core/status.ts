// Reason phrases and explanation sentences for HTTP statuses, as WebOb words them (§8.1).
// Error titles come from WebOb's exception classes (webob.exc), which differ from its
// generic table for 414, 416 and 451; the exception titles win because they are what
// Pecan users see in error bodies.

// Maps, not object lookups, so keys such as 'constructor' find nothing.
function table<T>(entries: Readonly<Record<number, T>>): ReadonlyMap<number, T> {
  return new Map(Object.entries(entries).map(([key, value]) => [Number(key), value]));
}

const REASONS = table<string>({
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi Status',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Request Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
  510: 'Not Extended',
  511: 'Network Authentication Required',
});

// WebOb's class explanations, with its whitespace already collapsed to single spaces (WebOb
// does that when the module loads). Typos such as "dependended" are WebOb's, kept on purpose.
const CLIENT_ERROR =
  'The server could not comply with the request since it is either malformed or otherwise incorrect.';
const SERVER_ERROR =
  'The server has either erred or is incapable of performing the requested operation.';

const EXPLANATIONS = table<string>({
  202: 'The request is accepted for processing.',
  400: CLIENT_ERROR,
  401:
    'This server could not verify that you are authorized to access the document you requested. ' +
    'Either you supplied the wrong credentials (e.g., bad password), or your browser does not ' +
    'understand how to supply the credentials required.',
  402: 'Access was denied for financial reasons.',
  403: 'Access was denied to this resource.',
  404: 'The resource could not be found.',
  407: 'Authentication with a local proxy is needed.',
  408: 'The server has waited too long for the request to be sent by the client.',
  409: 'There was a conflict when trying to complete your request.',
  410: 'This resource is no longer available. No forwarding address is given.',
  411: 'Content-Length header required.',
  412: 'Request precondition failed.',
  413: 'The body of your request was too large for this server.',
  414: 'The request URI was too long for this server.',
  416: 'The Range requested is not available.',
  417: 'Expectation failed.',
  422: 'Unable to process the contained instructions',
  423: 'The resource is locked',
  424:
    'The method could not be performed because the requested action dependended on another ' +
    'action and that action failed',
  428: 'This request is required to be conditional',
  429: 'The client has sent too many requests in a given amount of time',
  431: 'The request header fields were too large',
  451: 'The resource is not available due to legal reasons.',
  500: SERVER_ERROR,
  502: 'Bad gateway.',
  503: 'The server is currently unavailable. Please try again at a later time.',
  504: 'The gateway has timed out.',
  505: 'The HTTP version is not supported.',
  507: 'There was not enough space to save the resource',
  511: 'Network authentication is required',
});

// §8.1 redirect bodies: WebOb puts the Location right after these words. The second sentence
// is ours, for a redirect whose Location is not known (WebOb always has one).
const MOVED = ['The resource has been moved to', 'The resource has been moved.'] as const;
const LOCATION_EXPLANATIONS = table<readonly [string, string]>({
  300: MOVED,
  301: MOVED,
  302: ['The resource was found at', 'The resource was found elsewhere.'],
  303: MOVED,
  305: [
    'The resource must be accessed through a proxy located at',
    'The resource must be accessed through a proxy.',
  ],
  307: MOVED,
  308: MOVED,
});
const REDIRECT_TAIL = '; you should be redirected automatically.';

// WebOb builds these four from the request (method, Accept, Content-Type) instead of a fixed
// sentence: [sentence without the subject, text before it, text after it]. The unbalanced
// parenthesis of 406 is WebOb's.
const SUBJECT_EXPLANATIONS = table<readonly [string, string, string]>({
  405: [
    'The method is not allowed for this resource.',
    'The method ',
    ' is not allowed for this resource.',
  ],
  406: [
    'The resource could not be generated that was acceptable to your browser.',
    'The resource could not be generated that was acceptable to your browser (content of type ',
    '.',
  ],
  415: [
    'The request media type is not supported by this server.',
    'The request media type ',
    ' is not supported by this server.',
  ],
  501: [
    'The request method is not implemented for this server.',
    'The request method ',
    ' is not implemented for this server.',
  ],
});

/** The reason phrase for `status` ("Not Found"), or `undefined` when WebOb has none. */
export function statusReason(status: number): string | undefined {
  return REASONS.get(status);
}

/**
 * WebOb's explanation sentence for `status` (§8.1). `subject` fills the statuses whose sentence
 * names something: the Location for 3xx redirects, the method for 405/501, the Accept value
 * for 406 and the request Content-Type for 415. Without it a sentence that omits the subject is
 * returned. Statuses without their own sentence fall back to WebOb's class default (the 400 or
 * 500 sentence); 1xx, 2xx and 304 have none (`''`).
 */
export function statusExplanation(status: number, subject?: string): string {
  const fixed = EXPLANATIONS.get(status);
  if (fixed !== undefined) return fixed;
  const moved = LOCATION_EXPLANATIONS.get(status);
  if (moved !== undefined) {
    return subject === undefined ? moved[1] : `${moved[0]} ${subject}${REDIRECT_TAIL}`;
  }
  const parts = SUBJECT_EXPLANATIONS.get(status);
  if (parts !== undefined) {
    return subject === undefined ? parts[0] : `${parts[1]}${subject}${parts[2]}`;
  }
  if (status >= 400 && status < 500) return CLIENT_ERROR;
  if (status >= 500 && status < 600) return SERVER_ERROR;
  return '';
}

/**
 * For a redirect status that carries a Location, the words WebOb puts before the URL
 * ("The resource was found at"); `undefined` for other statuses. Error bodies need it apart
 * from the URL because the HTML page makes the URL a link.
 */
export function locationExplanation(status: number): string | undefined {
  return LOCATION_EXPLANATIONS.get(status)?.[0];
}
