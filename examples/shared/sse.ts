/**
 * Server-sent events from a change feed, as an async generator that a pecan controller
 * returns (pecan streams async iterables). Every row becomes one event whose `id` is the row's
 * id, so a browser that reconnects sends `Last-Event-ID` and receives what it missed.
 * The stream ends when the client leaves (pecan closes the generator) or `signal` aborts.
 */
import { request, response } from 'pecan';
import type { ChangeFeed } from './change-feed.js';

export interface SseEvent {
  event?: string;
  data: unknown;
}

export interface EventStreamOptions<Row> {
  /** The event a row becomes, or null to skip it. */
  toEvent(row: Row): SseEvent | null | Promise<SseEvent | null>;
  /** A comment line every so often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** Ends the stream (the service is stopping). */
  signal?: AbortSignal;
}

/**
 * Sets the response up for SSE and returns the stream; call it from a controller exposed as
 * `@expose({ contentType: 'text/event-stream' })`: a browser's EventSource sends
 * `Accept: text/event-stream`, which an endpoint that offers only text/html answers with 406.
 */
export function eventStream<Row extends { id: number }>(
  feed: ChangeFeed<Row>,
  options: EventStreamOptions<Row>,
): AsyncGenerator<string> {
  response.headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  response.headers.set('Cache-Control', 'no-cache');
  response.headers.set('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
  // A reconnecting browser sends Last-Event-ID; a page may also say where its rendering
  // stopped (`?since=<id>`), so that nothing between the page and the stream is missed.
  const since = request.headers.get('last-event-id') ?? request.query.since;
  const lastEventId = typeof since === 'string' && /^\d{1,15}$/.test(since) ? Number(since) : null;
  return streamRows(feed, options, lastEventId);
}

export function formatEvent(id: number | null, event: SseEvent): string {
  const lines = id === null ? [] : [`id: ${id}`];
  if (event.event) lines.push(`event: ${event.event}`);
  for (const line of JSON.stringify(event.data).split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

async function* streamRows<Row extends { id: number }>(
  feed: ChangeFeed<Row>,
  options: EventStreamOptions<Row>,
  lastEventId: number | null,
): AsyncGenerator<string> {
  const pending: Row[] = [];
  let notify: (() => void) | null = null;
  const wake = () => {
    notify?.();
    notify = null;
  };
  const unsubscribe = feed.subscribe((rows) => {
    pending.push(...rows);
    wake();
  });
  const heartbeat = setInterval(wake, options.heartbeatMs ?? 15_000);
  options.signal?.addEventListener('abort', wake);
  let sentId = lastEventId ?? -1;
  try {
    yield 'retry: 3000\n\n';
    if (lastEventId !== null) pending.unshift(...(await feed.source.rowsAfter(lastEventId, 1000)));
    while (!options.signal?.aborted) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (notify = resolve));
        if (pending.length === 0 && !options.signal?.aborted) yield ': keep-alive\n\n';
        continue;
      }
      const row = pending.shift()!;
      if (row.id <= sentId) continue; // caught up twice: from Last-Event-ID and from the feed
      sentId = row.id;
      const event = await options.toEvent(row);
      if (event) yield formatEvent(row.id, event);
    }
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', wake);
    unsubscribe();
  }
}
