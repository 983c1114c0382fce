/** Choosing the database and the transport from the environment, as both config files do. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseFromEnv, openDatabase } from '../database.js';

describe('databaseFromEnv', () => {
  it('a postgres:// or postgresql:// URL selects PostgreSQL, with the file’s pool size', () => {
    expect(databaseFromEnv('postgres://u:p@db/deployer', '/var/x.sqlite', { poolSize: 3 })).toEqual(
      { dialect: 'postgres', url: 'postgres://u:p@db/deployer', poolSize: 3 },
    );
    expect(databaseFromEnv('postgresql://db/n', '/var/x.sqlite')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://db/n',
    });
  });

  it('anything else is a SQLite file; unset or empty, the default file', () => {
    expect(databaseFromEnv('/srv/deployer.sqlite', '/var/x.sqlite')).toEqual({
      dialect: 'sqlite',
      filename: '/srv/deployer.sqlite',
    });
    expect(databaseFromEnv(':memory:', '/var/x.sqlite')).toMatchObject({ filename: ':memory:' });
    for (const value of [undefined, ''])
      expect(databaseFromEnv(value, '/var/x.sqlite')).toEqual({
        dialect: 'sqlite',
        filename: '/var/x.sqlite',
      });
  });
});

describe('openDatabase for PostgreSQL', () => {
  it('opens a pool lazily: no server is needed until the first query', async () => {
    const database = openDatabase({ dialect: 'postgres', url: 'postgres://127.0.0.1:9/none' });
    expect(database.dialect).toBe('postgres');
    await database.db.destroy();
  });

  it('refuses a pool size that cannot work', () => {
    expect(() =>
      openDatabase({ dialect: 'postgres', url: 'postgres://127.0.0.1/db', poolSize: 0 }),
    ).toThrow(/poolSize/);
  });

  it('fails a query at once, as unavailable, when the server is down', async () => {
    const database = openDatabase({ dialect: 'postgres', url: 'postgres://127.0.0.1:9/none' });
    await expect(
      database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute(),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await database.db.destroy();
  });
});

describe('the config files', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  it('switch both services to PostgreSQL and RabbitMQ by their environment', async () => {
    Object.assign(process.env, {
      DEPLOYER_DATABASE: 'postgres://deployer@db/deployer',
      DEPLOYER_DATABASE_POOL_SIZE: '8',
      DEPLOYER_TRANSPORT: 'amqp://deployer:s@mq:5672/',
      NOTIFIER_DATABASE: 'postgres://notifier@db/notifier',
      NOTIFIER_TRANSPORT: 'amqp://notifier:s@mq:5672/',
    });
    vi.resetModules();
    const deployer = (await import('../../deployer/config.js')).default as any;
    const notifier = (await import('../../notifier/config.js')).default as any;
    expect(deployer.deployer.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://deployer@db/deployer',
      poolSize: 8,
    });
    expect(deployer.deployer.transport).toMatchObject({
      kind: 'amqp',
      url: 'amqp://deployer:s@mq:5672/',
      exchange: 'deployer',
      queue: 'notifier',
      bindings: ['deployment.#'],
    });
    expect(notifier.notifier.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://notifier@db/notifier',
      poolSize: 5,
    });
    expect(notifier.notifier.transport).toMatchObject({
      kind: 'amqp',
      exchange: deployer.deployer.transport.exchange,
      queue: deployer.deployer.transport.queue,
      bindings: deployer.deployer.transport.bindings,
    });
  });

  it('keep SQLite and http without it', async () => {
    for (const name of [
      'DEPLOYER_DATABASE',
      'DEPLOYER_TRANSPORT',
      'NOTIFIER_DATABASE',
      'NOTIFIER_TRANSPORT',
    ])
      delete process.env[name];
    vi.resetModules();
    const deployer = (await import('../../deployer/config.js')).default as any;
    const notifier = (await import('../../notifier/config.js')).default as any;
    expect(deployer.deployer.database).toMatchObject({ dialect: 'sqlite' });
    expect(deployer.deployer.transport).toMatchObject({ kind: 'http' });
    expect(notifier.notifier.database).toMatchObject({ dialect: 'sqlite' });
    expect(notifier.notifier.transport).toEqual({ kind: 'http' });
  });
});
