import { expose, makeApp } from 'pecan';
import { describe, expect, it } from 'vitest';
import { describeAdapters } from '../../../test/support/adapters.js';
import { recordingLogger } from '../../../test/support/logger.js';
import { transactionHook } from '../transactions.js';
import { DatabaseUnavailableHook, isApiPath, isDatabaseUnavailable } from '../unavailable.js';

function failure(code: string, message = `database: ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it('knows a server that is down, restarting or full', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '08006'])
      expect(isDatabaseUnavailable(failure(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('wrapped', { cause: failure('ECONNREFUSED') })),
      'through a cause',
    ).toBe(true);
  });

  it('leaves real query errors to be 500s (or the services’ own answers)', () => {
    for (const code of ['23505', '42P01', '40P01', '22P02'])
      expect(isDatabaseUnavailable(failure(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

/** A database whose every connection attempt fails as `error`. */
function downDatabase(error: Error) {
  return { startTransaction: () => ({ execute: () => Promise.reject(error) }) } as never;
}

class Api {
  @expose('json') index() {
    throw failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
  }

  @expose('json') broken() {
    throw failure('42P01', 'relation "nope" does not exist');
  }

  @expose('json') write() {
    return { written: true };
  }
}

class Root {
  v1 = new Api();

  @expose('text/html') index() {
    throw failure('57P03', 'the database system is starting up');
  }
}

function setUp() {
  const logger = recordingLogger();
  const db = downDatabase(failure('57P01', 'terminating connection due to administrator command'));
  const app = makeApp(new Root(), {
    hooks: [transactionHook(db), new DatabaseUnavailableHook({ logger, isApi: isApiPath })],
    logger,
  });
  return { app, logger };
}

describeAdapters('answering while the database is unavailable', ({ client }) => {
  it('a read that cannot reach it: 503 with Retry-After, in JSON under /v1', async () => {
    const { app, logger } = setUp();
    const response = await (await client(app)).get('/v1/');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.json).toEqual({
      code: 503,
      title: 'Service Unavailable',
      description: 'The database is unavailable for a moment; try again shortly.',
    });
    expect(logger.lines.map((line) => line.level)).toEqual(['warn']);
  });

  it('a write whose transaction cannot start: 503, not a 500', async () => {
    const { app } = setUp();
    const response = await (await client(app)).post('/v1/write');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('a page: 503 in plain text', async () => {
    const { app } = setUp();
    const response = await (await client(app)).get('/');
    expect(response.status).toBe(503);
    expect(response.contentType).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/database is unavailable/);
  });

  it('logs an outage once, not once per request', async () => {
    const { app, logger } = setUp();
    const c = await client(app);
    for (let i = 0; i < 5; i++) expect((await c.get('/v1/')).status).toBe(503);
    expect(logger.lines).toHaveLength(1);
  });

  it('leaves any other error a 500', async () => {
    const { app, logger } = setUp();
    expect((await (await client(app)).get('/v1/broken')).status).toBe(500);
    expect(logger.lines.map((line) => line.level)).toEqual(['error']);
  });
});
