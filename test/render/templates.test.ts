/**
 * The four template engines through the renderer interface: layouts and partials in each
 * engine's own way, autoescaping, extra template variables, compiled-template caching and
 * reloading in debug mode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { ENGINES } from '../support/template-engines.js';
import { expose, makeApp } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/templates', import.meta.url));

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh template folder holding `files`. */
function templateFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-templates-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describeAdapters('templates', ({ client }) => {
  for (const engine of ENGINES) {
    const prefix = `${engine.name}:`;

    it(`${engine.name}: renders a page with its layout and a partial`, async () => {
      class RootController {
        @expose(`${prefix}${engine.name}/page.html`) index() {
          return { title: 'Layouts & partials', text: '<b>bold</b>' };
        }
      }
      const c = await client(makeApp(new RootController(), { templatePath: fixtures }));
      const r = await c.get('/');
      expect(r.status).toBe(200);
      expect(r.contentType).toBe('text/html; charset=UTF-8');
      expect(r.text).toMatch(/^<html><head><title>Layouts &amp; partials<\/title><\/head>/);
      expect(r.text).toContain('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
      expect(r.text).toContain(`<footer>by ${engine.name} for &lt;b&gt;bold&lt;/b&gt;</footer>`);
      expect(r.text.trimEnd()).toMatch(/<\/body><\/html>$/);
    });

    it(`${engine.name}: escapes values by default, prints them raw only when asked`, async () => {
      const templatePath = templateFolder({ 'greet.html': engine.greet });
      class RootController {
        @expose(`${prefix}greet.html`) index() {
          return { name: '<script>alert("x")</script>' };
        }
      }
      const c = await client(makeApp(new RootController(), { templatePath }));
      const r = await c.get('/');
      expect(r.text).toMatch(
        /^<p>Hello, &lt;script&gt;alert\(&(quot|#34);x&(quot|#34);\)&lt;\/script&gt;!<\/p>/,
      );
      expect(r.text).toContain('<div><script>alert("x")</script></div>');
    });

    it(`${engine.name}: extra template variables sit under the namespace`, async () => {
      const templatePath = templateFolder({ 'site.html': engine.site });
      class RootController {
        @expose(`${prefix}site.html`) index() {
          return { name: 'ann' };
        }
      }
      const app = makeApp(new RootController(), {
        templatePath,
        extraTemplateVars: { site: 'pecan', name: 'hidden by the controller' },
      });
      const r = await (await client(app)).get('/');
      expect(r.text).toBe('pecan: ann');
    });

    it(`${engine.name}: keeps compiled templates when files change outside debug mode`, async () => {
      const templatePath = templateFolder({
        'page.html': engine.includesPart,
        'part.html': engine.part('one'),
      });
      class RootController {
        @expose(`${prefix}page.html`) index() {
          return { name: 'ann' };
        }
      }
      const c = await client(makeApp(new RootController(), { templatePath }));
      expect((await c.get('/')).text).toBe('<main>part one ann</main>');
      fs.writeFileSync(path.join(templatePath, 'part.html'), engine.part('two, edited'));
      fs.writeFileSync(path.join(templatePath, 'page.html'), 'replaced');
      expect((await c.get('/')).text).toBe('<main>part one ann</main>');
    });

    it(`${engine.name}: reloads a changed page or partial in debug mode`, async () => {
      const templatePath = templateFolder({
        'page.html': engine.includesPart,
        'part.html': engine.part('one'),
      });
      class RootController {
        @expose(`${prefix}page.html`) index() {
          return { name: 'ann' };
        }
      }
      const c = await client(
        makeApp(new RootController(), { templatePath, debug: true, logger: quiet }),
      );
      expect((await c.get('/')).text).toBe('<main>part one ann</main>');
      expect((await c.get('/')).text).toBe('<main>part one ann</main>');
      fs.writeFileSync(path.join(templatePath, 'part.html'), engine.part('two, edited'));
      expect((await c.get('/')).text).toBe('<main>part two, edited ann</main>');
      fs.writeFileSync(path.join(templatePath, 'page.html'), `<h1>new page</h1>`);
      expect((await c.get('/')).text).toBe('<h1>new page</h1>');
    });
  }

  for (const engine of ['ejs', 'handlebars', 'eta', 'nunjucks']) {
    it(`${engine}: a template name cannot climb out of the template folder`, async () => {
      const outside = templateFolder({ 'secret.html': 'secret' });
      const templatePath = path.join(outside, 'templates');
      fs.mkdirSync(templatePath);
      class RootController {
        @expose(`${engine}:../secret.html`) index() {
          return {};
        }
      }
      const c = await client(makeApp(new RootController(), { templatePath, logger: quiet }));
      const r = await c.get('/');
      expect(r.status).toBe(500);
      expect(r.text).not.toContain('secret');
    });
  }

  it('the default engine is Eta, found by a plain template name', async () => {
    const templatePath = templateFolder({ 'index.html': '<h1><%= it.title %></h1>' });
    class RootController {
      @expose('index.html') index() {
        return { title: 'Hi' };
      }
    }
    const c = await client(makeApp(new RootController(), { templatePath }));
    expect((await c.get('/')).text).toBe('<h1>Hi</h1>');
  });

  it('defaultRenderer chooses the engine of plain template names', async () => {
    const templatePath = templateFolder({ 'index.html': '<h1>{{ title }}</h1>' });
    class RootController {
      @expose('index.html') index() {
        return { title: 'Hi' };
      }
    }
    const app = makeApp(new RootController(), { templatePath, defaultRenderer: 'nunjucks' });
    expect((await (await client(app)).get('/')).text).toBe('<h1>Hi</h1>');
  });

  it('templatePath is resolved against the working directory once, when the app starts', async () => {
    const parent = templateFolder({});
    fs.mkdirSync(path.join(parent, 'views'));
    fs.writeFileSync(path.join(parent, 'views', 'index.html'), 'from views');
    class RootController {
      @expose('index.html') index() {
        return {};
      }
    }
    const cwd = process.cwd();
    let app;
    try {
      process.chdir(parent);
      app = makeApp(new RootController(), { templatePath: 'views' });
    } finally {
      process.chdir(cwd);
    }
    expect(app.app.renderers.templatePath).toBe(fs.realpathSync(path.join(parent, 'views')));
    expect((await (await client(app)).get('/')).text).toBe('from views');
  });
});
