/** Every endpoint of a server must answer exactly as `ENDPOINTS` says before it is loaded. */
import { ENDPOINTS, normaliseContentType, type BenchEndpoint } from './endpoints.js';

export async function verifyServer(name: string, port: number): Promise<void> {
  const problems: string[] = [];
  for (const endpoint of ENDPOINTS) {
    const problem = await check(port, endpoint);
    if (problem !== null) problems.push(`  ${endpoint.method} ${endpoint.path}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new Error(`${name} does not answer like the others:\n${problems.join('\n')}`);
  }
}

async function check(port: number, endpoint: BenchEndpoint): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${port}${endpoint.path}`, {
    method: endpoint.method,
    headers: endpoint.headers,
    body: endpoint.body,
    signal: AbortSignal.timeout(5000),
  });
  const body = await response.text();
  const { status, contentType, body: expected } = endpoint.expect;
  if (response.status !== status) return `status ${response.status}, expected ${status}`;
  const type = normaliseContentType(response.headers.get('content-type'));
  if (type !== contentType) return `content type "${type}", expected "${contentType}"`;
  if (body !== expected) return `body ${JSON.stringify(body.slice(0, 120))} differs`;
  return null;
}
