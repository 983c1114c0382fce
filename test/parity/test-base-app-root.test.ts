/**
 * Port of pecan/tests/test_base.py TestAppRoot. Pecan imports a root named by a dotted string
 * (`Pecan('pecan.tests.test_base.SampleRootController')`); in pecan a root named by a module
 * specifier (`'./module.js#ClassName'`) is resolved when the app is loaded from its config.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { loadApp } from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';
import { SampleRootController } from './fixtures/sample-root.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describeAdapters('test_base.py TestAppRoot', ({ client }) => {
  afterEach(() => resetGlobalConfig());

  it('test_controller_lookup_by_string_path', async () => {
    const specifier = `${path.join(here, 'fixtures', 'sample-root.ts')}#SampleRootController`;
    const app = await loadApp({ app: { root: specifier } });
    expect(app.app.root).toBeInstanceOf(SampleRootController);
    expect((await (await client(app)).get('/')).text).toBe('sample');
  });
});
