/**
 * The catalogue of pecan's developer-facing errors (src/core/pecan-errors.ts): every code is
 * raised with its class and code, shows in the stack, and is documented with its fix.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as catalogue from '../../src/core/pecan-errors.js';
import { PECAN_ERROR_CODES, type PecanError } from '../../src/core/pecan-errors.js';
import { PecanHook, RestController, expose, makeApp, route, secure } from '../../src/index.js';
import { recordingLogger } from '../support/logger.js';

type Factory = ((...args: unknown[]) => PecanError) & { code: string };

const factories: [string, Factory][] = [];
for (const [name, value] of Object.entries(catalogue) as [string, unknown][]) {
  if (typeof value === 'function' && typeof (value as { code?: unknown }).code === 'string')
    factories.push([name, value as Factory]);
}

describe('the catalogue', () => {
  it('has a factory for every code, and a code for every factory', () => {
    const used = new Set(factories.map(([, make]) => make.code));
    expect([...used].sort()).toEqual([...PECAN_ERROR_CODES].sort());
  });

  it('makes errors that carry their code, keep their class name, and show the code in the stack', () => {
    for (const [name, make] of factories) {
      const error = make('x', 'y', 'z', 'w');
      expect(error.code, name).toBe(make.code);
      expect(error).toBeInstanceOf(Error);
      expect(['Error', 'TypeError'], name).toContain(error.name);
      expect(error.stack!.split('\n')[0], name).toBe(
        `${error.name} [${make.code}]: ${error.message}`,
      );
    }
  });

  it('documents every code, and only those, with its fix in docs/errors.md', () => {
    const docs = fs.readFileSync(
      fileURLToPath(new URL('../../docs/errors.md', import.meta.url)),
      'utf8',
    );
    const rows = [...docs.matchAll(/^\|\s*`(PECAN_ERR_[A-Z_]+)`\s*\|(.+)\|(.+)\|\s*$/gm)];
    expect(rows.map((row) => row[1])).toEqual([...PECAN_ERROR_CODES]);
    for (const row of rows) {
      expect(row[2]!.trim().length, row[1]).toBeGreaterThan(10);
      expect(row[3]!.trim().length, row[1]).toBeGreaterThan(10);
    }
  });
});

describe('where the errors are raised', () => {
  it('route() with a bad segment: PECAN_ERR_SEGMENT_INVALID, a plain Error', () => {
    class Root {}
    const error = catchError(() => route(Root, 'a/b', () => 'x'));
    expect(error).toMatchObject({ code: 'PECAN_ERR_SEGMENT_INVALID', name: 'Error' });
  });

  it('a RestController method with a custom route: PECAN_ERR_REST_SEGMENT', () => {
    class Books extends RestController {
      @expose({ route: 'all-books' }) getAll() {
        return 'books';
      }
    }
    expect(catchError(() => new Books())).toMatchObject({ code: 'PECAN_ERR_REST_SEGMENT' });
  });

  it('secure() without a check: PECAN_ERR_SECURE_NO_CHECK, a TypeError', () => {
    const error = catchError(() => (secure as (target: object) => unknown)({}));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'PECAN_ERR_SECURE_NO_CHECK' });
  });

  it('hooks that are not PecanHooks: PECAN_ERR_NOT_A_HOOK', () => {
    const hooks = [{}] as unknown as PecanHook[];
    expect(catchError(() => makeApp({}, { hooks }))).toMatchObject({
      code: 'PECAN_ERR_NOT_A_HOOK',
    });
  });

  it('a _lookup of the wrong shape is logged with PECAN_ERR_LOOKUP_RESULT and answered 500', async () => {
    class Root {
      @expose() _lookup(id: string) {
        return id; // not [controller, remainder]
      }
    }
    const logger = recordingLogger();
    const app = makeApp(new Root(), { logger });
    const response = await app.fetch(new Request('http://x/42'));
    expect(response.status).toBe(500);
    const logged = logger.lines.find((line) => line.level === 'error');
    expect(logged?.details[0]).toMatchObject({ code: 'PECAN_ERR_LOOKUP_RESULT' });
  });

  it('a plain @expose() returning an object: PECAN_ERR_INVALID_BODY', async () => {
    class Root {
      @expose() data() {
        return { not: 'a body' };
      }
    }
    const logger = recordingLogger();
    const app = makeApp(new Root(), { logger });
    expect((await app.fetch(new Request('http://x/data'))).status).toBe(500);
    const logged = logger.lines.find((line) => line.level === 'error');
    expect(logged?.details[0]).toMatchObject({ code: 'PECAN_ERR_INVALID_BODY' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
