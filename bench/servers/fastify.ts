/** Fastify from bench/servers/fastify-app.ts, listening on 127.0.0.1. */
import { app } from './fastify-app.js';
import { HOST, PORT, announce } from './serve.js';

await app.listen({ port: PORT, host: HOST });
announce(app.server);
