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
