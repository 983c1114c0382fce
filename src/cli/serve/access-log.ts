import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.js';

/** `127.0.0.1 "GET /books/ HTTP/1.1" 200 3.1ms`: the logger adds the time and level. */
export function formatAccessLine(
  req: IncomingMessage,
  res: ServerResponse,
  startedAt: number,
): string {
  const ms = (performance.now() - startedAt).toFixed(1);
  return `${req.socket.remoteAddress ?? '-'} "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode} ${ms}ms`;
}

/**
 * §12.3: one line per request through the `pecan.commands.serve` logger — 5xx at error, 4xx at
 * warn, the rest at info — so the config's `logging` section decides what is printed.
 */
export function logAccess(server: Server, logger: Logger): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    res.once('finish', () => {
      const line = formatAccessLine(req, res, startedAt);
      if (res.statusCode >= 500) logger.error(line);
      else if (res.statusCode >= 400) logger.warn(line);
      else logger.info(line);
    });
  });
}
