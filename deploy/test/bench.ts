/**
 * `node --import tsx deploy/test/bench.ts`: throughput of the deployments API through the front
 * server's port (autocannon): GET /v1/deployments (a page of the list) and POST
 * /v1/deployments (each a new deployment, written with its notification in one transaction).
 * Prints one JSON line; fails if any request got a non-2xx answer or a connection error.
 */
import autocannon from 'autocannon';

const url = process.env.DEPLOYER_URL ?? 'http://127.0.0.1:8080';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function load(title: string, path: string, options: Partial<autocannon.Options> = {}) {
  const result = await autocannon({
    url: `${url}${path}`,
    duration: seconds,
    connections,
    ...options,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  return {
    title,
    rps: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    requests: result.requests.total,
    failures,
  };
}

let n = 0;
const run = `${process.pid}-${Date.now().toString(36)}`;
const results = [
  await load('GET /v1/deployments', '/v1/deployments'),
  await load('POST /v1/deployments', '/v1/deployments', {
    requests: [
      {
        method: 'POST',
        path: '/v1/deployments',
        headers: { 'content-type': 'application/json' },
        // A new name each time: names are unique while a deployment exists.
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            name: `bench-${run}-${++n}`,
            app: 'static-site',
            size: 'small',
            count: 1,
          }),
        }),
      },
    ],
  }),
];
console.log(`bench: ${JSON.stringify({ connections, seconds, results })}`);
if (results.some((result) => result.failures > 0)) {
  console.error('bench: some requests failed');
  process.exit(1);
}
