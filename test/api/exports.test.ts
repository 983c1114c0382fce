import { expect, it } from 'vitest';
import * as pecan from '../../src/index.js';

// The public surface is a contract (DESIGN §4): adding or removing an export is a deliberate,
// reviewed change to this list. `App`, `State` and `ResponseHeaders` are exported as types
// only (issue 14): users read them, pecan makes them. `PecanRequest` is a value again (issue
// 13) so that `requestCls`, Pecan's `request_cls`, can extend it.
it('exports exactly the public names', () => {
  expect(Object.keys(pecan).sort()).toEqual([
    'Config',
    'ConfigError',
    'HTTPError',
    'HookController',
    'PecanHook',
    'PecanRequest',
    'PecanResponse',
    'RequestViewerHook',
    'RestController',
    'SecureController',
    'TemplateError',
    'TransactionHook',
    'abort',
    'acceptNoncanonical',
    'afterCommit',
    'afterRollback',
    'conf',
    'createAccessLogger',
    'createLogger',
    'createServer',
    'defineConfig',
    'deploy',
    'drainServer',
    'expose',
    'jsonify',
    'loadApp',
    'makeApp',
    'overrideTemplate',
    'redirect',
    'render',
    'request',
    'response',
    'route',
    'secure',
    'setConfig',
    'transactional',
    'unlocked',
    'when',
    'wraps',
  ]);
});

it('the package exports map points at the built entry', async () => {
  const { default: pkg } = (await import('../../package.json', {
    with: { type: 'json' },
  })) as unknown as {
    default: { name: string; type: string; exports: Record<string, unknown> };
  };
  expect(pkg.name).toBe('pecan');
  expect(pkg.type).toBe('module');
  expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
});
