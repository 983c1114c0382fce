/**
 * autocannon's `setupRequest` for bodies that must differ per request: `[<id>]` in the body
 * becomes an id unique to this load run (process, worker thread, counter). A module of its own
 * because autocannon's worker threads load such hooks by file path.
 */
import { threadId } from 'node:worker_threads';

let counter = 0;

export default function uniqueBody<T extends { body?: string | Buffer }>(request: T): T {
  const body = request.body?.toString();
  if (body === undefined || !body.includes('[<id>]')) return request;
  const id = `${process.pid}t${threadId}n${++counter}`;
  return { ...request, body: body.replaceAll('[<id>]', id) };
}
