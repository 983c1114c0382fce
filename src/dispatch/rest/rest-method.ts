import type { PecanRequest } from '../../core/request.js';
import { loadMultipart } from '../../binding/collect-params.js';

/**
 * §4.2 step 1: a RestController's verb is the `_method` param — from the query string, or from
 * an HTML form body (urlencoded or multipart; never JSON) — else the request's own method,
 * lower-case. The body is read (and a multipart body parsed) once, and reused for the params.
 */
export function requestedMethod(request: PecanRequest): string | Promise<string> {
  if (request.queryString !== '') {
    const fromQuery = methodParam(request.query['_method']);
    if (fromQuery !== undefined) return fromQuery;
  }
  const own = LOWER_CASE[request.method] ?? request.method.toLowerCase();
  const form = formType(request);
  if (form === null) return own;
  return request.loadBody().then(() => {
    if (form === 'urlencoded') return methodParam(request.form['_method']) ?? own;
    return loadMultipart(request).then((fields) => methodParam(fields['_method']) ?? own);
  });
}

/** The usual methods' lower-case names, without a new string per request. */
const LOWER_CASE: Readonly<Record<string, string | undefined>> = Object.assign(
  Object.create(null),
  {
    GET: 'get',
    HEAD: 'head',
    POST: 'post',
    PUT: 'put',
    PATCH: 'patch',
    DELETE: 'delete',
    OPTIONS: 'options',
  },
);

/** A form body WebOb would read params from: not on GET/HEAD, and not content-encoded. */
function formType(request: PecanRequest): 'urlencoded' | 'multipart' | null {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.hasBody) return null;
  const type = request.contentType;
  const form =
    type === 'application/x-www-form-urlencoded'
      ? 'urlencoded'
      : type === 'multipart/form-data'
        ? 'multipart'
        : null;
  if (form === null) return null;
  // An encoded body is refused by the params stage (DESIGN §5.12); no `_method` is read from it.
  const encoding = request.headers.get('content-encoding');
  return encoding === null || encoding.toLowerCase() === 'identity' ? form : null;
}

function methodParam(value: unknown): string | undefined {
  // A repeated `_method` counts by its last value, as with WebOb's MultiDict.
  const one = Array.isArray(value) ? (value[value.length - 1] as unknown) : value;
  return typeof one === 'string' && one !== '' ? one.toLowerCase() : undefined;
}
