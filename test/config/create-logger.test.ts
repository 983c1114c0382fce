/** §12.6: loggers from the `logging` section. */
import { describe, expect, it } from 'vitest';
import { Config, createLogger, type LogRecord } from '../../src/index.js';

function memory() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

const messageOnly = (record: LogRecord): string => `${record.level}:${record.message}`;

describe('createLogger', () => {
  it('drops calls below the level (default warn, Python root level)', () => {
    const { lines, stream } = memory();
    const logger = createLogger({ stream, format: messageOnly });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines).toEqual(['warn:w\n', 'error:e\n']);
  });

  it('takes the level of the nearest configured ancestor name', () => {
    const { lines, stream } = memory();
    const settings = {
      stream,
      format: messageOnly,
      level: 'error' as const,
      loggers: { myapp: { level: 'debug' as const }, 'myapp.db': 'info' as const },
    };
    createLogger(settings, 'myapp.web').debug('web');
    createLogger(settings, 'myapp.db.pool').debug('pool');
    createLogger(settings, 'myapp.db.pool').info('pool');
    createLogger(settings, 'other').warn('other');
    expect(lines).toEqual(['debug:web\n', 'info:pool\n']);
  });

  it("accepts Python's level names in any case", () => {
    const { lines, stream } = memory();
    const logger = createLogger({ stream, format: messageOnly, level: 'WARNING' });
    logger.info('no');
    logger.warn('yes');
    expect(lines).toEqual(['warn:yes\n']);
  });

  it('names an unknown level', () => {
    expect(() => createLogger({ loggers: { pecan: { level: 'loud' as 'info' } } })).toThrow(
      "the logger 'pecan' has the unknown level 'loud'",
    );
  });

  it('formats text lines as time LEVEL [name] message details', () => {
    const { lines, stream } = memory();
    createLogger({ stream, level: 'info' }, 'myapp').info('started', { port: 8080 });
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}\[myapp\] started \{ port: 8080 \}\n$/,
    );
  });

  it('formats JSON lines, errors included', () => {
    const { lines, stream } = memory();
    createLogger({ stream, format: 'json' }).error('failed', new Error('boom'));
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'error', name: 'pecan', msg: 'failed' });
    expect(record.details).toMatchObject([{ type: 'Error', message: 'boom' }]);
  });

  it('reads a Config section', () => {
    const { lines, stream } = memory();
    const section = new Config({ logging: { level: 'debug', format: messageOnly, stream } })
      .logging as Config;
    createLogger(section).debug('from a section');
    expect(lines).toEqual(['debug:from a section\n']);
  });

  it('uses a logger given as the section (or as `logger`) as it is', () => {
    const calls: string[] = [];
    const own = {
      error: (m: string) => void calls.push(`e ${m}`),
      warn: (m: string) => void calls.push(`w ${m}`),
      info: (m: string) => void calls.push(`i ${m}`),
      debug: (m: string) => void calls.push(`d ${m}`),
    };
    createLogger(own).info('one');
    createLogger({ logger: own }).debug('two');
    expect(calls).toEqual(['i one', 'd two']);
  });

  it('calls a pino logger pino-style: details first, the name as a child binding', () => {
    const calls: unknown[][] = [];
    const method =
      (level: string) =>
      (...args: unknown[]) =>
        void calls.push([level, ...args]);
    const pino = {
      levels: { values: {} },
      bindings: {} as Record<string, unknown>,
      child(bindings: Record<string, unknown>) {
        calls.push(['child', bindings]);
        return pino;
      },
      error: method('error'),
      warn: method('warn'),
      info: method('info'),
      debug: method('debug'),
    };
    const logger = createLogger({ logger: pino }, 'pecan');
    const error = new Error('boom');
    logger.error('Unhandled error', error);
    logger.info('plain');
    logger.warn('several', 1, 2);
    logger.info('user created', { userId: 7 });
    logger.error('failed', error, { userId: 7 });
    expect(calls).toEqual([
      ['child', { name: 'pecan' }],
      ['error', { err: error }, 'Unhandled error'],
      ['info', 'plain'],
      ['warn', { details: [1, 2] }, 'several'],
      // A last plain object is pino's merge object: its keys are the record's fields.
      ['info', { userId: 7 }, 'user created'],
      ['error', { userId: 7, err: error }, 'failed'],
    ]);
  });

  it('writes the fields of a call as top-level keys of a JSON line', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { level: 'info', format: 'json', stream: { write: (line: string) => lines.push(line) } },
      'myapp',
    );
    logger.info('user created', { userId: 7, plan: 'free' });
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', name: 'myapp', msg: 'user created', userId: 7 });
    expect(record.plan).toBe('free');
    expect(record).not.toHaveProperty('details');
  });

  it('prints the fields after the message in the text format', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { level: 'info', stream: { write: (line: string) => lines.push(line) } },
      'myapp',
    );
    logger.info('user created', { userId: 7 });
    expect(lines[0]).toMatch(/ INFO +\[myapp\] user created \{ userId: 7 \}\n$/);
  });
});
