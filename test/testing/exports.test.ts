import { expect, it } from 'vitest';
import * as testing from '../../src/testing/index.js';

// 'pecan/testing' is public API (DESIGN §4): changes to this list are deliberate.
it('pecan/testing exports exactly its public names', () => {
  expect(Object.keys(testing).sort()).toEqual([
    'TestApp',
    'TestAppError',
    'TestResponse',
    'loadTestApp',
    'resetGlobalConfig',
  ]);
});

it('the package exports map points pecan/testing at the built entry', async () => {
  const { default: pkg } = (await import('../../package.json', {
    with: { type: 'json' },
  })) as unknown as { default: { exports: Record<string, unknown> } };
  expect(pkg.exports['./testing']).toEqual({
    types: './dist/testing/index.d.ts',
    import: './dist/testing/index.js',
  });
});

it("'pecan/testing' resolves to the source in tests", async () => {
  const viaAlias = await import('pecan/testing');
  expect(viaAlias.TestApp).toBe(testing.TestApp);
});
