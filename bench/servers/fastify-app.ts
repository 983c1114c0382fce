/**
 * The Fastify bench app at its defaults (no logger, no response schemas), idiomatic synchronous
 * handlers; fastify.ts serves it, and bench/in-process.ts hands requests to its server's
 * `emit('request')` without listening.
 */
import Fastify from 'fastify';
import {
  DEEP_PATH,
  DEEP_TEXT,
  PLAIN_PATH,
  PLAIN_TEXT,
  TEXT,
  TEXT_TYPE,
  created,
  hello,
  user,
  ORDER_JSON_SCHEMA,
  type Order,
} from '../endpoints.js';

export const app = Fastify();

app.get('/', (_req, reply) => {
  reply.type(TEXT_TYPE).send(TEXT);
});
app.get('/json', (_req, reply) => {
  reply.send(hello());
});
app.get<{ Params: { id: string } }>('/users/:id', (req, reply) => {
  reply.send(user(req.params.id));
});
app.post<{ Body: { name: string; email: string } }>('/users', (req, reply) => {
  reply.code(201).send(created(req.body.name, req.body.email));
});
app.post('/echo', (req, reply) => {
  reply.send(req.body);
});
// The validated endpoint: Fastify's own way, JSON schemas compiled by Ajv (query coerced).
const orderSchema = ORDER_JSON_SCHEMA;
app.post<{ Body: Order; Querystring: { priority: number; notify: boolean } }>(
  '/orders',
  { schema: orderSchema },
  (req, reply) => {
    reply.send({ ...req.body, ...req.query });
  },
);
app.get(DEEP_PATH, (_req, reply) => {
  reply.type(TEXT_TYPE).send(DEEP_TEXT);
});
app.get(PLAIN_PATH, (_req, reply) => {
  reply.type(TEXT_TYPE).send(PLAIN_TEXT);
});
