/**
 * Issue 13: the server `pecan serve` starts takes its limits from the config's `server` section
 * with safe defaults, and cuts off a client that trickles its head or its body (slowloris).
 */
import net from 'node:net';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, expose, loadApp, makeApp } from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';
import { boundPort, startServer } from '../../src/cli/serve/start-server.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/config/server-limits.js';

class Root {
  @expose() index() {
    return 'ok';
  }
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(overrides: Record<string, unknown>): Promise<number> {
  const limits = resolveLimits(overrides);
  const server = await startServer(makeApp(new Root()), { host: '127.0.0.1', port: 0 }, limits);
  servers.push(server);
  return boundPort(server);
}

/**
 * Sends `head`, then `drip` one byte every 50 ms (bounded), and resolves with what the server
 * answered and how long the connection lived, once it is closed.
 */
function trickle(port: number, head: string, drip: string): Promise<{ ms: number; text: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => {}); // a reset is a close, too
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, text });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= drip.length || socket.destroyed) {
          clearInterval(timer);
          if (!socket.destroyed) {
            socket.destroy();
            reject(new Error('the server kept the trickling connection open'));
          }
          return;
        }
        socket.write(drip[sent++]!);
      }, 50);
    });
  });
}

describe('server limits', () => {
  it('cuts off a client that trickles its headers after headersTimeout', async () => {
    const port = await serve({ headersTimeout: 300, requestTimeout: 1_000 });
    const result = await trickle(
      port,
      'GET / HTTP/1.1\r\nHost: x\r\n',
      'X-Slow: '.padEnd(200, 'a'),
    );
    expect(result.ms).toBeLessThan(2_500);
    expect(result.text).not.toContain('200 OK');
  });

  it('cuts off a client that trickles its body after requestTimeout', async () => {
    const port = await serve({ headersTimeout: 300, requestTimeout: 600 });
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n';
    const result = await trickle(port, head, 'b'.repeat(200));
    expect(result.ms).toBeLessThan(3_000);
    expect(result.text).not.toContain('200 OK');
  });

  it('answers 431 beyond maxHeaderSize', async () => {
    const port = await serve({ maxHeaderSize: 1_024 });
    const result = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4_000)}\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('error', () => {});
      socket.on('close', () => resolve(text));
    });
    expect(result).toMatch(/^HTTP\/1\.1 431/);
  });

  it('applies the connection cap and the keep-alive timeout', async () => {
    const limits = resolveLimits({ maxConnections: 2, keepAliveTimeout: 1_234 });
    const server = await startServer(makeApp(new Root()), { host: '127.0.0.1', port: 0 }, limits);
    servers.push(server);
    expect(server.maxConnections).toBe(2);
    expect(server.keepAliveTimeout).toBe(1_234);
  });

  it('has safe defaults and refuses bad values, naming the key', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS.headersTimeout).toBeLessThan(60_000);
    expect(() => resolveLimits({ headersTimeout: -1 })).toThrow(/server\.headersTimeout/);
    expect(() => resolveLimits({ maxConnections: '10' })).toThrow(/server\.maxConnections/);
    expect(() => resolveLimits({ headersTimeout: 5_000, requestTimeout: 1_000 })).toThrow(
      /cannot exceed server\.requestTimeout/,
    );
  });

  it('gives a deployed app the same limits: createServer reads the config’s server section', async () => {
    const app = await loadApp({
      server: { headersTimeout: 300, requestTimeout: 600, maxConnections: 7 },
      app: { root: Root },
    });
    const server = createServer(app);
    servers.push(server);
    expect(server.maxConnections).toBe(7);
    expect(server.headersTimeout).toBe(300);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const result = await trickle(
      port,
      'GET / HTTP/1.1\r\nHost: x\r\n',
      'X-Slow: '.padEnd(200, 'a'),
    );
    expect(result.ms).toBeLessThan(2_500);
    resetGlobalConfig();
  });
});
