/** Raw `node:http` with hand-written routing: the practical limit for a Node framework. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEEP_PATH, DEEP_TEXT, JSON_TYPE, TEXT, TEXT_TYPE, hello, user } from '../endpoints.js';
import { serve } from './serve.js';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function echo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      send(res, 200, JSON_TYPE, JSON.stringify(body));
    } catch {
      send(res, 400, TEXT_TYPE, 'Bad Request');
    }
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
  }
  send(res, 404, TEXT_TYPE, 'Not Found');
}

serve(handle);
