/**
 * Port of Python Pecan's pecan/tests/test_base.py TestLogging. Pecan hands `logging` to Python's
 * `dictConfig` and the controller logs through `logging.getLogger('pecantesting')`; here the
 * section configures the named loggers `createLogger(conf.logging, name)` returns, and the
 * in-memory StreamHandler is a `stream` with a message-only `format` (the handler's default).
 */
import { afterEach, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { Config, conf, createLogger, expose, loadApp, type LogRecord } from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';
import { StringIO } from './fixtures/string-io.js';

class RootController {
  @expose() index() {
    createLogger(conf.logging, 'pecantesting').info('HELLO WORLD');
    return 'HELLO WORLD';
  }
}

const format = (record: LogRecord): string => record.message;

afterEach(resetGlobalConfig);

describeAdapters('test_base.py TestLogging', ({ client }) => {
  it('test_logging_setup', async () => {
    const f = new StringIO();
    const app = await loadApp({
      app: { root: RootController },
      logging: { loggers: { pecantesting: { level: 'INFO' } }, stream: f, format },
    });
    const c = await client(app);
    await c.get('/');
    expect(f.value).toBe('HELLO WORLD\n');
  });

  it('test_logging_setup_with_config_obj', async () => {
    const f = new StringIO();
    const app = await loadApp({
      app: { root: RootController },
      logging: new Config({ loggers: { pecantesting: { level: 'INFO' } }, stream: f, format }),
    });
    const c = await client(app);
    await c.get('/');
    expect(f.value).toBe('HELLO WORLD\n');
  });
});
