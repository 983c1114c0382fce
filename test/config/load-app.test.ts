/** §12.5: `loadApp` and `deploy` build the app a config describes. */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Config, PecanHook, conf, deploy, expose, loadApp, type State } from '../../src/index.js';
import { loadTestApp, resetGlobalConfig } from '../../src/testing/index.js';
import { calls } from '../fixtures/config/app/setup-app.js';
import { quiet } from '../support/logger.js';

const appFixtures = fileURLToPath(new URL('../fixtures/config/app/', import.meta.url));
const fixture = (name: string): string => path.join(appFixtures, name);

class RootController {
  @expose() index() {
    return 'index';
  }

  @expose('json') settings() {
    return { greeting: conf.greeting };
  }

  @expose() fails() {
    throw new Error('boom');
  }
}

class MarkerHook extends PecanHook {
  override after(state: State) {
    state.response.headers.set('X-Hooked', 'yes');
  }
}

afterEach(() => {
  resetGlobalConfig();
  calls.length = 0;
});

describe('loadApp from an object', () => {
  it('builds makeApp(app.root, app options) when there is no setupApp', async () => {
    const client = await loadTestApp({ app: { root: RootController } });
    expect((await client.get('/')).text).toBe('index');
  });

  it('accepts a root controller instance', async () => {
    const client = await loadTestApp({ app: { root: new RootController() } });
    expect((await client.get('/')).text).toBe('index');
  });

  it('replaces the global conf with the config (the defaults too, as Pecan)', async () => {
    const app = await loadApp({ app: { root: RootController }, greeting: 'hi' });
    expect(app.config).toBe(conf);
    expect(Object.keys(conf)).toEqual(['app', 'greeting']);
    const client = await loadTestApp(app);
    expect((await client.get('/settings')).json).toEqual({ greeting: 'hi' });
  });

  it('passes app options through, in either spelling', async () => {
    const client = await loadTestApp({
      app: { root: RootController, force_canonical: false, guessContentTypeFromExt: false },
    });
    const response = await client.get('/settings.json', { expectErrors: true });
    expect(response.status).toBe(404);
  });

  it('serves error documents keyed by status numbers without __force_dict__', async () => {
    class WithErrorPage extends RootController {
      @expose() notfound() {
        return 'custom not found';
      }
    }
    const client = await loadTestApp({
      app: { root: WithErrorPage, errors: { 404: '/notfound' } },
    });
    const response = await client.get('/missing', { status: 404 });
    expect(response.text).toBe('custom not found');
  });

  it('accepts hooks as a list or a function returning one', async () => {
    for (const hooks of [[new MarkerHook()], () => [new MarkerHook()]]) {
      const client = await loadTestApp({ app: { root: RootController, hooks } });
      expect((await client.get('/')).headers.get('x-hooked')).toBe('yes');
    }
  });

  it('logs through the logging section', async () => {
    const lines: string[] = [];
    const client = await loadTestApp({
      app: { root: RootController },
      logging: { level: 'error', stream: { write: (line: string) => lines.push(line) } },
    });
    await client.get('/fails', { status: 500 });
    expect(lines.join('')).toContain('ERROR [pecan] Unhandled error');
    expect(lines.join('')).toContain('boom');
  });

  it('uses a logger given as the logging section', async () => {
    const messages: string[] = [];
    const logger = { ...quiet, error: (message: string) => void messages.push(message) };
    const client = await loadTestApp({ app: { root: RootController }, logging: logger });
    await client.get('/fails', { status: 500 });
    expect(messages.some((message) => message.includes('Unhandled error'))).toBe(true);
  });

  it('is an error when the config names neither a root nor modules', async () => {
    await expect(loadApp({ app: {} })).rejects.toThrow(
      'The config sets neither app.root (the root controller) nor app.modules',
    );
  });
});

describe('loadApp from a config file', () => {
  it('resolves a root specifier relative to the config file (module#Export)', async () => {
    const client = await loadTestApp(fixture('config.ts'));
    expect((await client.get('/')).text).toBe('RootController index');
    expect((await client.get('/settings')).json).toEqual({ greeting: 'hello from config.ts' });
    expect(conf.__file__).toBe(fixture('config.ts'));
    expect(conf.server.port).toBe(8081);
  });

  it("uses the module's default export when the specifier has no #Name", async () => {
    const client = await loadTestApp(fixture('default-export.json'));
    expect((await client.get('/')).text).toBe('DefaultRootController index');
  });

  it('names a missing export', async () => {
    await expect(loadApp({ app: { root: `${fixture('root.ts')}#Missing` } })).rejects.toThrow(
      "has no export named 'Missing'",
    );
  });

  it('calls the first app module with a setupApp, with the config and extra arguments', async () => {
    const app = await loadApp(fixture('modules.ts'), { seed: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.config).toBe(conf);
    expect(calls[0]!.extra).toEqual({ seed: 1 });
    expect(app.config).toBe(conf);
    const client = await loadTestApp(app);
    expect((await client.get('/')).text).toBe('built by setupApp');
  });

  it("finds setupApp in a module's `app` namespace, named by a file: URL", async () => {
    const specifier = pathToFileURL(fixture('app-namespace.ts')).href;
    const client = await loadTestApp({ app: { modules: [specifier] } });
    expect((await client.get('/')).text).toBe('built by setupApp');
    expect(calls).toHaveLength(1);
  });

  it('explains when no module has setupApp and there is no root', async () => {
    await expect(loadApp({ app: { modules: [fixture('no-setup.ts')] } })).rejects.toThrow(
      'No setupApp found in any of the configured app.modules',
    );
  });

  it('reads PECAN_CONFIG when no config is given', async () => {
    process.env.PECAN_CONFIG = fixture('config.ts');
    const client = await loadTestApp();
    expect((await client.get('/')).text).toBe('RootController index');
  });

  it('accepts a Config (as the CLI passes after loadConfig)', async () => {
    const config = new Config({ app: { root: RootController } });
    const client = await loadTestApp(await loadApp(config));
    expect((await client.get('/')).text).toBe('index');
  });
  it('accepts the global conf itself without wiping it', async () => {
    await loadApp({ app: { root: RootController }, greeting: 'kept' });
    const client = await loadTestApp(conf);
    expect((await client.get('/settings')).json).toEqual({ greeting: 'kept' });
  });
});

describe('deploy', () => {
  it('is loadApp for a config file (Pecan deploy for process managers)', async () => {
    const app = await deploy(fixture('config.ts'));
    const response = await app.fetch(new Request('http://localhost/'));
    expect(await response.text()).toBe('RootController index');
    expect(app.config).toBe(conf);
  });
});
