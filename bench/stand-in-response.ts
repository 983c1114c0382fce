/** A stand-in ServerResponse for the in-process benches: the least pecan's Node adapter uses. */
import type { ServerResponse } from 'node:http';

export function standInResponse(done: (status: number, body: string) => void): ServerResponse {
  let status = 0;
  const res = {
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
    destroy() {},
  };
  return res as unknown as ServerResponse;
}
