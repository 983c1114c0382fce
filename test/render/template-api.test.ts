/**
 * `render()` (§3.7), `overrideTemplate()` (§3.6), custom renderers (§10) and what the lifecycle
 * records for pecan/testing (§3.8: `request.pecan.namespace` and `request.pecan.templateName`).
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import {
  expose,
  makeApp,
  overrideTemplate,
  PecanHook,
  render,
  type RendererFactory,
  type State,
} from '../../src/index.js';

const templatePath = fileURLToPath(new URL('../fixtures/templates', import.meta.url));

it('render() works outside a request when given the app, and returns a string', () => {
  const app = makeApp({}, { templatePath });
  const html = render('eta.html', { name: 'Ann' }, app);
  expect(typeof html).toBe('string');
  expect(html).toContain('<h1>Hello, Ann!</h1>');
  expect(render('json', { a: 1 }, app.app)).toBe('{"a":1}');
});

it('render() outside a request without the app says why it cannot work', () => {
  expect(() => render('eta.html', {})).toThrow(/only works while a request is handled/);
});

describeAdapters('template API', ({ client }) => {
  it('overrideTemplate() can switch to another engine', async () => {
    class RootController {
      @expose('eta:eta.html') index() {
        overrideTemplate('nunjucks:nunjucks.html');
        return { name: 'Nunjucks' };
      }
    }
    const r = await (await client(makeApp(new RootController(), { templatePath }))).get('/');
    expect(r.text).toContain('<h1>Hello, Nunjucks!</h1>');
    expect(r.contentType).toBe('text/html; charset=UTF-8');
  });

  it("overrideTemplate('json') renders JSON with its content type", async () => {
    class RootController {
      @expose('eta.html') index() {
        overrideTemplate('json');
        return { name: 'json' };
      }
    }
    const r = await (await client(makeApp(new RootController(), { templatePath }))).get('/');
    expect(r.json).toEqual({ name: 'json' });
    expect(r.contentType).toBe('application/json');
  });

  it('render() inside a controller uses any engine', async () => {
    class RootController {
      @expose() index() {
        return render('handlebars:handlebars.html', { name: 'Bars' });
      }
    }
    const r = await (await client(makeApp(new RootController(), { templatePath }))).get('/');
    expect(r.text).toContain('<h1>Hello, Bars!</h1>');
  });

  it('a custom renderer can replace a built-in one', async () => {
    const shouting: RendererFactory = (options) => ({
      render: (template, namespace) =>
        `${template}: ${JSON.stringify(options.extraVars.makeNamespace(namespace)).toUpperCase()}`,
    });
    class RootController {
      @expose('page.html') index() {
        return { name: 'ann' };
      }
    }
    const app = makeApp(new RootController(), {
      customRenderers: { eta: shouting },
      extraTemplateVars: { site: 'pecan' },
    });
    const r = await (await client(app)).get('/');
    expect(r.text).toBe('page.html: {"SITE":"PECAN","NAME":"ANN"}');
  });

  it('a custom renderer may answer asynchronously and with bytes', async () => {
    const bytes: RendererFactory = () => ({
      render: async (_template, namespace) =>
        new TextEncoder().encode(`bytes for ${(namespace as { name: string }).name}`),
    });
    class RootController {
      @expose('bytes:any') index() {
        return { name: 'ann' };
      }
    }
    const app = makeApp(new RootController(), { customRenderers: { bytes } });
    expect((await (await client(app)).get('/')).text).toBe('bytes for ann');
  });

  it("a custom renderer named json replaces the built-in one for @expose('json') (§10)", async () => {
    const sortedJson: RendererFactory = () => ({
      render: (_template, namespace) =>
        JSON.stringify(namespace, Object.keys(namespace as object).sort()),
    });
    class RootController {
      @expose('json') index() {
        return { b: 2, a: 1 };
      }
    }
    const app = makeApp(new RootController(), { customRenderers: { json: sortedJson } });
    const r = await (await client(app)).get('/');
    expect(r.text).toBe('{"a":1,"b":2}');
    expect(r.contentType).toMatch(/^application\/json/);
  });

  it('records the namespace and the chosen template on request.pecan (for pecan/testing)', async () => {
    const seen: unknown[] = [];
    class Recorder extends PecanHook {
      override after(state: State) {
        seen.push([state.request.pecan.namespace, state.request.pecan.templateName]);
      }
    }
    class RootController {
      @expose('eta.html') page() {
        return { name: 'Ann' };
      }

      @expose() text() {
        return 'plain';
      }

      @expose('eta.html') overridden() {
        overrideTemplate('json');
        return { name: 'Json' };
      }

      @expose() manual() {
        return new Response('as is');
      }
    }
    const app = makeApp(new RootController(), {
      templatePath,
      hooks: [new Recorder()],
      logger: quiet,
    });
    const c = await client(app);
    await c.get('/page');
    await c.get('/text');
    await c.get('/overridden');
    await c.get('/manual');
    expect(seen).toEqual([
      [{ name: 'Ann' }, 'eta.html'],
      ['plain', null],
      [{ name: 'Json' }, 'json'],
      [undefined, undefined],
    ]);
  });
});
