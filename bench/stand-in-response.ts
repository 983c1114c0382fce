/**
 * A stand-in ServerResponse for the in-process benches: the least pecan's Node adapter and
 * Fastify's reply use (Fastify reads `statusCode` and asks `getHeader` after its own headers).
 */
import type { ServerResponse } from 'node:http';

export function standInResponse(done: (status: number, body: string) => void): ServerResponse {
  let status = 0;
  const res = {
    statusCode: 200,
    headersSent: false,
    writeHead(code: number) {
      status = code;
      res.headersSent = true;
    },
    end(body?: string | Uint8Array) {
      done(status, body === undefined ? '' : String(body));
    },
    on() {},
    setHeader() {},
    getHeader() {
      return undefined;
    },
    hasHeader() {
      return false;
    },
    destroy() {},
  };
  return res as unknown as ServerResponse;
}
