/** Raw `node:http` with hand-written routing: the practical limit for a Node framework. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEEP_PATH,
  DEEP_TEXT,
  JSON_TYPE,
  PLAIN_PATH,
  PLAIN_TEXT,
  TEXT,
  TEXT_TYPE,
  checkOrder,
  created,
  hello,
  user,
} from '../endpoints.js';
import { serve } from './serve.js';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads the JSON body, then answers `status` with what `answer` makes of it. */
function withJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  answer: (body: unknown) => unknown,
): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      send(res, status, JSON_TYPE, JSON.stringify(answer(body)));
    } catch {
      send(res, 400, TEXT_TYPE, 'Bad Request');
    }
  });
}

const same = (body: unknown): unknown => body;
const newUser = (body: unknown): unknown => {
  const { name, email } = body as { name: string; email: string };
  return created(name, email);
};

/** The hand check of the validated endpoint; throwing answers 400, as a bad JSON body does. */
const order =
  (query: string) =>
  (body: unknown): unknown => {
    const checked = checkOrder(new URLSearchParams(query), body);
    if (checked === null) throw new Error('invalid order');
    return checked;
  };

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (req.method === 'GET') {
    if (path === '/') return send(res, 200, TEXT_TYPE, TEXT);
    if (path === '/json') return send(res, 200, JSON_TYPE, JSON.stringify(hello()));
    if (path.startsWith('/users/') && path.indexOf('/', 7) === -1 && path.length > 7) {
      const id = decodeURIComponent(path.slice(7));
      return send(res, 200, JSON_TYPE, JSON.stringify(user(id)));
    }
    if (path === DEEP_PATH) return send(res, 200, TEXT_TYPE, DEEP_TEXT);
    if (path === PLAIN_PATH) return send(res, 200, TEXT_TYPE, PLAIN_TEXT);
  } else if (req.method === 'POST') {
    if (path === '/echo') return withJson(req, res, 200, same);
    if (path === '/users') return withJson(req, res, 201, newUser);
    if (path === '/orders') return withJson(req, res, 200, order(q === -1 ? '' : url.slice(q + 1)));
  }
  send(res, 404, TEXT_TYPE, 'Not Found');
}

serve(handle);
