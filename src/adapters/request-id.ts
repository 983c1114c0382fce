import type { PecanRequest } from '../core/request.js';

// An incoming id is kept when it is a plain token: it is echoed in a header and written in logs,
// so anything with spaces, control characters or an absurd length is replaced, not reflected.
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,200}$/;

/** `request.id` from the incoming header (a proxy's or a client's), else a new UUID. */
export function assignRequestId(request: PecanRequest, header: string): void {
  const incoming = request.headers.get(header);
  request.id =
    incoming !== null && ACCEPTABLE_ID.test(incoming) ? incoming : globalThis.crypto.randomUUID();
}
