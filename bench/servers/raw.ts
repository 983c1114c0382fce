/** Raw `node:http` with hand-written routing: the practical limit for a Node framework. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEEP_PATH,
  DEEP_TEXT,
  JSON_TYPE,
  TEXT,
  TEXT_TYPE,
  checkOrder,
  hello,
  user,
} from '../endpoints.js';
import { serve } from './serve.js';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function echo(req: IncomingMessage, res: ServerResponse): void {
  readJson(req, res, (body) => send(res, 200, JSON_TYPE, JSON.stringify(body)));
}

function orders(req: IncomingMessage, res: ServerResponse, queryString: string): void {
  readJson(req, res, (body) => {
    const order = checkOrder(new URLSearchParams(queryString), body);
    if (order === null) send(res, 400, TEXT_TYPE, 'Bad Request');
    else send(res, 200, JSON_TYPE, JSON.stringify(order));
  });
}

function readJson(req: IncomingMessage, res: ServerResponse, then: (body: unknown) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, TEXT_TYPE, 'Bad Request');
    }
    then(body);
  });
}

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
  } else if (req.method === 'POST' && path === '/echo') {
    return echo(req, res);
  } else if (req.method === 'POST' && path === '/orders') {
    return orders(req, res, q === -1 ? '' : url.slice(q + 1));
  }
  send(res, 404, TEXT_TYPE, 'Not Found');
}

serve(handle);
