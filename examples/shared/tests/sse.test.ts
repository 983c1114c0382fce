import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { expose, makeApp } from 'pecan';
import { ChangeFeed, type ChangeSource } from '../change-feed.js';
import { eventStream, formatEvent } from '../sse.js';

interface Row {
  id: number;
  text: string;
}

/** A table in memory, with a count of the feed's listeners. */
function table() {
  const rows: Row[] = [];
  const source: ChangeSource<Row> = {
    latestId: async () => rows.at(-1)?.id ?? 0,
    rowsAfter: async (id, limit) => rows.filter((r) => r.id > id).slice(0, limit),
  };
  return { rows, add: (text: string) => rows.push({ id: rows.length + 1, text }), source };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(feed: ChangeFeed<Row>, signal?: AbortSignal) {
  class Root {
    @expose({ contentType: 'text/event-stream' }) events() {
      return eventStream(feed, {
        toEvent: (row) => ({ event: 'note', data: row }),
        heartbeatMs: 50,
        signal,
      });
    }
  }
  const server = http.createServer(makeApp(new Root()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Opens the stream and collects its text until `until` holds or the stream ends. */
function read(port: number, headers: Record<string, string>, until: (text: string) => boolean) {
  return new Promise<{ text: string; headers: http.IncomingHttpHeaders; req: http.ClientRequest }>(
    (resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: headers.path ?? '/events', headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
            if (until(text)) resolve({ text, headers: res.headers, req });
          });
          res.on('end', () => resolve({ text, headers: res.headers, req }));
        },
      );
      req.on('error', reject);
      setTimeout(() => reject(new Error('no event in time')), 5000).unref();
    },
  );
}

describe('server-sent events from a change feed', () => {
  it('formats an event with its id, name and JSON data', () => {
    expect(formatEvent(7, { event: 'x', data: { a: 1 } })).toBe(
      'id: 7\nevent: x\ndata: {"a":1}\n\n',
    );
  });

  it('streams rows added after the client connected, as text/event-stream', async () => {
    const t = table();
    t.add('old');
    const feed = new ChangeFeed(t.source, 10);
    const port = await serve(feed);
    const reading = read(port, {}, (text) => text.includes('"new"'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.add('new');
    const { text, headers, req } = await reading;
    req.destroy();
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['cache-control']).toBe('no-cache');
    expect(text).toContain('id: 2\nevent: note\ndata: {"id":2,"text":"new"}');
    expect(text).not.toContain('"old"');
  });

  it('replays what a reconnecting client missed, from Last-Event-ID or ?since=', async () => {
    const t = table();
    for (const text of ['a', 'b', 'c']) t.add(text);
    const port = await serve(new ChangeFeed(t.source, 10));
    const byHeader = await read(port, { 'last-event-id': '1' }, (text) => text.includes('"c"'));
    byHeader.req.destroy();
    expect(byHeader.text).not.toContain('"a"');
    expect(byHeader.text).toContain('"b"');
    const byQuery = await read(port, { path: '/events?since=2' }, (text) => text.includes('"c"'));
    byQuery.req.destroy();
    expect(byQuery.text).not.toContain('"b"');
  });

  it('sends keep-alive comments while idle', async () => {
    const t = table();
    const port = await serve(new ChangeFeed(t.source, 10));
    const { text, req } = await read(port, {}, (text) => text.includes(': keep-alive'));
    req.destroy();
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
  });

  it('stops polling once the last client left', async () => {
    const t = table();
    const feed = new ChangeFeed(t.source, 10);
    const port = await serve(feed);
    const { req } = await read(port, {}, (text) => text.includes('retry'));
    expect((feed as unknown as { listeners: Set<unknown> }).listeners.size).toBe(1);
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((feed as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);
  });

  it('ends the stream when the service stops', async () => {
    const t = table();
    const stop = new AbortController();
    const port = await serve(new ChangeFeed(t.source, 10), stop.signal);
    const reading = read(port, {}, () => false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    const { text } = await reading; // resolves on the stream's end, rejects after 5 s without
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
  });
});
