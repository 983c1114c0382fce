/** §14: `resetGlobalConfig` (Pecan's `reset_global_config`, a cleanup of every PecanTestCase). */
import { afterEach, describe, expect, it } from 'vitest';
import { conf, setConfig } from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';

afterEach(resetGlobalConfig);

describe('resetGlobalConfig', () => {
  it('restores the defaults after a config replaced them', async () => {
    await setConfig({ foo: 'bar' }, { overwrite: true });
    resetGlobalConfig();
    expect(conf.toDict()).toEqual({
      server: { port: 8080, host: '0.0.0.0' },
      app: {
        root: null,
        modules: [],
        staticRoot: 'public',
        templatePath: '',
        forceCanonical: true,
      },
    });
  });

  it('removes keys painted over the defaults', async () => {
    await setConfig({ app: { debug: true }, extra: 1 });
    resetGlobalConfig();
    expect(conf.extra).toBeUndefined();
    expect(conf.app.debug).toBeUndefined();
  });

  it('gives fresh defaults: a mutated default list does not survive', () => {
    conf.app.modules!.push('./leaked.js');
    resetGlobalConfig();
    expect(conf.app.modules).toEqual([]);
  });

  it('forgets the config file', async () => {
    await setConfig({ foo: 'bar' });
    resetGlobalConfig();
    expect(conf.__file__).toBe('');
  });

  it('removes PECAN_CONFIG from the environment', () => {
    process.env.PECAN_CONFIG = '/somewhere/config.ts';
    resetGlobalConfig();
    expect(process.env.PECAN_CONFIG).toBeUndefined();
  });
});
