/**
 * Template errors (§10): a 500 that reveals nothing in production (the error is logged), and in
 * debug mode a readable page naming the template file and line with an escaped, highlighted
 * excerpt. Also: an unknown engine and a missing optional engine package.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import { expose, makeApp, TemplateError, type RendererFactory } from '../../src/index.js';
import { requireEngine } from '../../src/render/require-engine.js';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function templateFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-template-errors-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Per engine: a template whose line 2 fails, and a page including it as `part.html`. */
const BROKEN = [
  {
    engine: 'eta',
    bad: '<h1>ok</h1>\n<p><%= it.name\n</p>\n',
    page: '<%~ include("./part.html") %>',
  },
  { engine: 'nunjucks', bad: '<h1>ok</h1>\n<p>{% if %}</p>\n', page: '{% include "part.html" %}' },
  {
    engine: 'ejs',
    bad: '<h1>ok</h1>\n<p><%= name.x.y %></p>\n',
    page: '<%- include("part.html") %>',
  },
  {
    engine: 'handlebars',
    bad: '<h1>ok</h1>\n<p>{{#if name}}</p>\n{{/each}}\n',
    page: '{{> part}}',
  },
];

const PRODUCTION_500 =
  '500 Internal Server Error\n\nThe server has either erred or is incapable of performing the requested operation.\n\n   ';

describeAdapters('template errors', ({ client }) => {
  for (const { engine, bad, page } of BROKEN) {
    const files = { 'bad.html': bad, 'page.html': page, 'part.html': bad };

    it(`${engine}: a broken template is an opaque, logged 500 in production`, async () => {
      const templatePath = templateFolder(files);
      class RootController {
        @expose(`${engine}:bad.html`) index() {
          return { name: 'ann' };
        }
      }
      const logger = recordingLogger();
      const c = await client(makeApp(new RootController(), { templatePath, logger }));
      const r = await c.get('/');
      expect(r.status).toBe(500);
      expect(r.text).toBe(PRODUCTION_500);
      const error = logger.lines.find((line) => line.level === 'error')?.details[0];
      expect(error).toBeInstanceOf(TemplateError);
      expect(error).toMatchObject({
        engine,
        template: 'bad.html',
        file: path.join(templatePath, 'bad.html'),
        line: 2,
      });
    });

    it(`${engine}: in debug mode the page shows the file, the line and an escaped excerpt`, async () => {
      const templatePath = templateFolder(files);
      class RootController {
        @expose(`${engine}:bad.html`) index() {
          return { name: 'ann' };
        }
      }
      const c = await client(
        makeApp(new RootController(), { templatePath, debug: true, logger: quiet }),
      );
      const r = await c.get('/');
      expect(r.status).toBe(500);
      expect(r.contentType).toBe('text/html; charset=UTF-8');
      expect(r.text).toContain('<title>Pecan - Application Error</title>');
      expect(r.text).toContain('<h2>Template error</h2>');
      expect(r.text).toContain(`<code>${path.join(templatePath, 'bad.html')}</code>, line 2`);
      expect(r.text).toContain('1  &lt;h1&gt;ok&lt;/h1&gt;');
      expect(r.text).toMatch(/<strong class="error-line">2 {2}&lt;p&gt;/);
    });

    it(`${engine}: an error in a partial names the partial's file`, async () => {
      const templatePath = templateFolder(files);
      class RootController {
        @expose(`${engine}:page.html`) index() {
          return { name: 'ann' };
        }
      }
      const logger = recordingLogger();
      const c = await client(makeApp(new RootController(), { templatePath, logger }));
      expect((await c.get('/')).status).toBe(500);
      const error = logger.lines.find((line) => line.level === 'error')?.details[0];
      expect(error).toMatchObject({ file: path.join(templatePath, 'part.html'), line: 2 });
    });

    it(`${engine}: a missing template is a 500`, async () => {
      const templatePath = templateFolder({});
      class RootController {
        @expose(`${engine}:missing.html`) index() {
          return {};
        }
      }
      const logger = recordingLogger();
      const c = await client(makeApp(new RootController(), { templatePath, logger }));
      const r = await c.get('/');
      expect(r.status).toBe(500);
      expect(r.text).toBe(PRODUCTION_500);
      expect(String(logger.lines[0]?.details[0])).toContain('missing.html');
    });

    it(`${engine}: a namespace that is not an object is a 500 that says so`, async () => {
      const templatePath = templateFolder(files);
      class RootController {
        @expose(`${engine}:bad.html`) index() {
          return 'a string';
        }
      }
      const logger = recordingLogger();
      const c = await client(makeApp(new RootController(), { templatePath, logger }));
      expect((await c.get('/')).status).toBe(500);
      expect(String(logger.lines[0]?.details[0])).toContain(
        'a template needs an object namespace, but the controller returned a string',
      );
    });
  }

  it("an unknown engine is a 500 with Pecan's message, in the log and on the debug page", async () => {
    class RootController {
      @expose('mako:index.html') index() {
        return {};
      }
    }
    const logger = recordingLogger();
    let c = await client(makeApp(new RootController(), { logger }));
    let r = await c.get('/');
    expect(r.status).toBe(500);
    expect(r.text).toBe(PRODUCTION_500);
    expect(String(logger.lines[0]?.details[0])).toBe(
      'Error: support for "mako" was not found; supported template engines are ' +
        'json, eta, nunjucks, ejs, handlebars',
    );

    c = await client(makeApp(new RootController(), { logger: quiet, debug: true }));
    r = await c.get('/');
    expect(r.status).toBe(500);
    expect(r.text).toContain('support for &quot;mako&quot; was not found');
  });

  it('a missing optional engine package is named, with the command that installs it', async () => {
    const missing: RendererFactory = () => ({
      render: () => requireEngine<string>('pecan-test-absent-engine', 'absent'),
    });
    class RootController {
      @expose('absent:index.html') index() {
        return {};
      }
    }
    const logger = recordingLogger();
    const c = await client(
      makeApp(new RootController(), { logger, customRenderers: { absent: missing } }),
    );
    expect((await c.get('/')).status).toBe(500);
    expect(String(logger.lines[0]?.details[0])).toBe(
      'Error: the "absent" renderer needs the package "pecan-test-absent-engine", which is not ' +
        'installed: run `npm install pecan-test-absent-engine`',
    );
  });
});
