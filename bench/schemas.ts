/**
 * What input schemas cost per request: `npm run bench:schemas`. One endpoint,
 * `GET /users/42?page=2` answering JSON, three ways: no schema, zod path and query schemas,
 * valibot path and query schemas (docs/typed-apis.md). Measured as bench/in-process.ts measures:
 * the Node listener called with stand-in req/res (no sockets), CPU ns per request, best of 3
 * rounds. The difference between the rows is the validators' work plus pecan's for them.
 * Response checks are off, as in production.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expose, makeApp, type EndpointSchema } from 'pecan';
import { z } from 'zod';
import * as v from 'valibot';
import { standInResponse } from './stand-in-response.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const REQUESTS = Number(process.env.REQUESTS ?? 200_000);
const WARMUP = 20_000;
const ROUNDS = 3;
const PATH = '/users/42?page=2';
const EXPECTED = '{"id":42,"page":2}';

const vInt = v.pipe(v.string(), v.transform(Number), v.number(), v.integer());
const schemas: [string, EndpointSchema | null][] = [
  ['no schema', null],
  [
    'zod 4',
    {
      path: z.object({ id: z.coerce.number().int() }),
      query: z.object({ page: z.coerce.number().int().default(1) }),
    },
  ],
  ['valibot 1', { path: v.object({ id: vInt }), query: v.object({ page: v.optional(vInt, '1') }) }],
];

/** Without a schema the controller converts, as it had to before (the same answer). */
function listenerWith(schema: EndpointSchema | null): Listener {
  const users = schema
    ? expose({ template: 'json', schema })(function users(id: number, page: number) {
        return { id, page };
      })
    : expose('json')(function users(id: string, page: string) {
        return { id: Number(id), page: Number(page) };
      });
  return makeApp({ users }, { checkResponses: false }) as unknown as Listener;
}

const headers = { host: '127.0.0.1:3000', connection: 'keep-alive' };
const raw = Object.entries(headers).flat();
const socket = { encrypted: false };

function call(listener: Listener, done: (status: number, body: string) => void): void {
  const req = {
    url: PATH,
    method: 'GET',
    headers,
    rawHeaders: raw,
    socket,
    httpVersionMajor: 1,
    readableEnded: false,
  };
  listener(req as unknown as IncomingMessage, standInResponse(done));
}

async function drive(listener: Listener, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    let finished = false;
    let wake: (() => void) | null = null;
    call(listener, () => {
      finished = true;
      wake?.();
    });
    if (!finished) await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function measure(name: string, listener: Listener): Promise<number> {
  const [status, body] = await new Promise<[number, string]>((resolve) =>
    call(listener, (s, b) => resolve([s, b])),
  );
  if (status !== 200 || body !== EXPECTED) throw new Error(`${name}: ${status} ${body}`);
  await drive(listener, WARMUP);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    await drive(listener, REQUESTS);
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / REQUESTS);
  }
  return best;
}

const rows: string[] = [];
let base = 0;
for (const [name, schema] of schemas) {
  const ns = await measure(name, listenerWith(schema));
  if (schema === null) base = ns;
  rows.push(`| ${name} | ${ns.toFixed(0)} | ${(ns - base).toFixed(0)} |`);
}
process.stdout.write(
  [
    `GET ${PATH}: CPU ns per request, best of ${ROUNDS} rounds of ${REQUESTS} (stand-in req/res)`,
    '',
    '| Schemas | ns | added |',
    '|---|--:|--:|',
    ...rows,
    '',
  ].join('\n'),
);
