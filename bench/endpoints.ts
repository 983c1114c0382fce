/**
 * The bench endpoints and the exact answer every server must give (status, content type,
 * body). The servers import their payloads from here, so they cannot drift apart. Adding an
 * endpoint: one entry in `ENDPOINTS`, one route in each of bench/servers/, and one line in the
 * in-process floor (bench/in-process.ts).
 */

export const TEXT = 'Hello, World!';
export const DEEP_TEXT = 'six controllers deep';
export const DEEP_PATH = '/deep/a/b/c/d/e/f';
/** The same six levels, walked through plain objects in pecan (`plain = { a: { b: … } }`). */
export const PLAIN_TEXT = 'six plain objects deep';
export const PLAIN_PATH = '/plain/a/b/c/d/e/f';
export const USER_ID = '42';

export const TEXT_TYPE = 'text/plain; charset=utf-8';
export const JSON_TYPE = 'application/json';

/** `GET /json`: a small object, built per request as a real handler would. */
export function hello(): { message: string } {
  return { message: TEXT };
}

/** `GET /users/<id>`. */
export function user(id: string): { id: string; name: string } {
  return { id, name: `User ${id}` };
}

/** `POST /users`: the new user, from the body's `name` and `email` (201 Created). */
export function created(name: string, email: string): { id: string; name: string; email: string } {
  return { id: USER_ID, name, email };
}

export const NEW_USER = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' });

/** `POST /echo`: a compact JSON document of exactly 1024 bytes. */
export const ECHO_BODY = makeEchoBody(1024);

function makeEchoBody(size: number): string {
  const items: { id: number; name: string; tags: string[]; active: boolean }[] = [];
  const doc = { items, note: '' };
  while (JSON.stringify(doc).length < size - 80) {
    const id = items.length + 1;
    items.push({ id, name: `item ${id}`, tags: ['bench', 'pecan'], active: id % 2 === 0 });
  }
  doc.note = 'x'.repeat(size - JSON.stringify(doc).length);
  return JSON.stringify(doc);
}

/**
 * `POST /orders?priority=2&notify=true`: a validated endpoint (issue 15). Every server checks the
 * same rules — query `priority` an integer 1–5 and `notify` a boolean, body `item` a non-empty
 * string, `quantity` an integer ≥ 1, `tags` at most 10 strings — pecan with zod schemas, Fastify
 * with the equivalent JSON schemas (Ajv), raw and Express by hand; the answer is the validated
 * body followed by the coerced query.
 */
export const ORDER_PATH = '/orders?priority=2&notify=true';
export const ORDER_BODY = JSON.stringify({ item: 'widget', quantity: 3, tags: ['red', 'large'] });
export const ORDER_ANSWER = JSON.stringify({
  ...JSON.parse(ORDER_BODY),
  priority: 2,
  notify: true,
});
export const ORDER_LIMITS = { priority: [1, 5], maxTags: 10 } as const;

/**
 * The validated endpoint's rules as JSON schemas: what Fastify compiles with Ajv, and what the
 * `pecan-ajv` variant compiles with Ajv too (bench/servers/pecan-ajv.ts).
 */
export const ORDER_JSON_SCHEMA = {
  querystring: {
    type: 'object',
    properties: {
      priority: {
        type: 'integer',
        minimum: ORDER_LIMITS.priority[0],
        maximum: ORDER_LIMITS.priority[1],
      },
      notify: { type: 'boolean' },
    },
    required: ['priority', 'notify'],
  },
  body: {
    type: 'object',
    properties: {
      item: { type: 'string', minLength: 1 },
      quantity: { type: 'integer', minimum: 1 },
      tags: { type: 'array', items: { type: 'string' }, maxItems: ORDER_LIMITS.maxTags },
    },
    required: ['item', 'quantity', 'tags'],
  },
} as const;

export interface Order {
  item: string;
  quantity: number;
  tags: string[];
}

/** The hand-written check of raw and Express: the order, or null when invalid. */
export function checkOrder(
  query: URLSearchParams,
  body: unknown,
): (Order & { priority: number; notify: boolean }) | null {
  const priority = Number(query.get('priority') ?? NaN);
  const notify = query.get('notify');
  if (
    !Number.isInteger(priority) ||
    priority < ORDER_LIMITS.priority[0] ||
    priority > ORDER_LIMITS.priority[1]
  )
    return null;
  if (notify !== 'true' && notify !== 'false') return null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { item, quantity, tags } = body as Record<string, unknown>;
  if (typeof item !== 'string' || item.length === 0) return null;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) return null;
  if (
    !Array.isArray(tags) ||
    tags.length > ORDER_LIMITS.maxTags ||
    !tags.every((t) => typeof t === 'string')
  )
    return null;
  return { item, quantity, tags: tags as string[], priority, notify: notify === 'true' };
}

export interface BenchEndpoint {
  /** Column title in the report. */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  expect: { status: number; contentType: string; body: string };
}

export const ENDPOINTS: readonly BenchEndpoint[] = [
  {
    name: 'GET / (text)',
    method: 'GET',
    path: '/',
    expect: { status: 200, contentType: TEXT_TYPE, body: TEXT },
  },
  {
    name: 'GET /json',
    method: 'GET',
    path: '/json',
    expect: { status: 200, contentType: JSON_TYPE, body: JSON.stringify(hello()) },
  },
  {
    name: `GET /users/${USER_ID}`,
    method: 'GET',
    path: `/users/${USER_ID}`,
    expect: { status: 200, contentType: JSON_TYPE, body: JSON.stringify(user(USER_ID)) },
  },
  {
    name: 'POST /echo (1 KB)',
    method: 'POST',
    path: '/echo',
    body: ECHO_BODY,
    headers: { 'content-type': JSON_TYPE },
    expect: { status: 200, contentType: JSON_TYPE, body: ECHO_BODY },
  },
  {
    // pecan binds the body's fields to the arguments of a RestController's `post`.
    name: 'POST /users (bound)',
    method: 'POST',
    path: '/users',
    body: NEW_USER,
    headers: { 'content-type': JSON_TYPE },
    expect: {
      status: 201,
      contentType: JSON_TYPE,
      body: JSON.stringify(created('Ada Lovelace', 'ada@example.com')),
    },
  },
  {
    name: 'POST /orders (validated)',
    method: 'POST',
    path: ORDER_PATH,
    body: ORDER_BODY,
    headers: { 'content-type': JSON_TYPE },
    expect: { status: 200, contentType: JSON_TYPE, body: ORDER_ANSWER },
  },
  {
    name: 'GET /deep/… (6 classes)',
    method: 'GET',
    path: DEEP_PATH,
    expect: { status: 200, contentType: TEXT_TYPE, body: DEEP_TEXT },
  },
  {
    name: 'GET /plain/… (6 objects)',
    method: 'GET',
    path: PLAIN_PATH,
    expect: { status: 200, contentType: TEXT_TYPE, body: PLAIN_TEXT },
  },
];

/**
 * Content types compare as media type plus charset, case-insensitively; JSON has no charset
 * parameter (RFC 8259 makes UTF-8 the only encoding), so `application/json; charset=utf-8`
 * and `application/json` are the same answer.
 */
export function normaliseContentType(value: string | null): string {
  const type = (value ?? '').toLowerCase().replace(/\s+/g, '');
  return type === 'application/json;charset=utf-8' ? JSON_TYPE : type.replace(';', '; ');
}
