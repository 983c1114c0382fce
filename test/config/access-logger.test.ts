import { describe, expect, it } from 'vitest';
import { loadTestApp } from '../../src/testing/index.js';
import { createAccessLogger, expose } from '../../src/index.js';

const FIELDS = { method: 'GET', path: '/', status: 200, durationMs: 1.5, bytes: 2 };

function collect() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe('createAccessLogger', () => {
  it('writes JSON lines at info, whatever the section level, unless a format is chosen', () => {
    const { lines, stream } = collect();
    createAccessLogger({ level: 'warn', stream }).info('GET / 200', FIELDS);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      name: 'pecan.access',
      msg: 'GET / 200',
      ...FIELDS,
    });
  });

  it("is silenced by loggers: { 'pecan.access': 'silent' }", () => {
    const { lines, stream } = collect();
    const logger = createAccessLogger({ stream, loggers: { 'pecan.access': 'silent' } });
    logger.error('GET / 500', { ...FIELDS, status: 500 });
    expect(lines).toEqual([]);
  });

  it('follows the section format when one is set', () => {
    const { lines, stream } = collect();
    createAccessLogger({
      stream,
      format: (record) => `${record.message} ${String(record.fields?.status)}`,
    }).info('GET /', FIELDS);
    expect(lines).toEqual(['GET / 200\n']);
  });
});

describe('accessLog and requestId in a config', () => {
  it('logs through the logging section, with the request id', async () => {
    const { lines, stream } = collect();
    const client = await loadTestApp({
      app: { root: { index: expose()(() => 'hi') }, accessLog: true, requestId: true },
      logging: { stream },
    });
    const res = await client.get('/', { headers: { 'X-Request-Id': 'cfg-1' } });
    expect(res.headers.get('x-request-id')).toBe('cfg-1');
    expect(JSON.parse(lines[0]!)).toMatchObject({ path: '/', status: 200, requestId: 'cfg-1' });
  });
});
