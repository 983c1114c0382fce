/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestEngines. Pecan's engines map to ours:
 * mako → eta (the default engine), jinja → nunjucks, genshi → ejs, kajiki → handlebars; the
 * fixtures under test/fixtures/templates are the Python ones rewritten for each engine.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger, type RecordingLogger } from '../support/logger.js';
import {
  expose,
  makeApp,
  overrideTemplate,
  render,
  TemplateError,
  type RendererFactory,
} from '../../src/index.js';
import { etaRenderer } from '../../src/render/eta-renderer.js';
import { formatLineContext } from '../../src/render/line-context.js';

const templatePath = fileURLToPath(new URL('../fixtures/templates', import.meta.url));

/** The error the app logged for its last 500 (Pecan's test reads the raised exception). */
function loggedError(logger: RecordingLogger): unknown {
  const line = logger.lines.findLast((entry) => entry.level === 'error');
  return line?.details[0];
}

/** Pecan's `error_formatters` turn a template error into an HTML excerpt; ours is the same. */
function formatError(error: unknown): string | undefined {
  if (!(error instanceof TemplateError) || error.source === undefined) return undefined;
  return formatLineContext(error.source, error.line);
}

describeAdapters('test_base.py TestEngines', ({ client }) => {
  // genshi → ejs: same page, and a bad template (a runtime error at a known line).
  it('test_genshi', async () => {
    class RootController {
      @expose('ejs:ejs.html') index(name = 'Jonathan') {
        return { name };
      }

      @expose('ejs:ejs_bad.html') badtemplate() {
        return { name: 'Jonathan' };
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { templatePath, logger }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, Jonathan!</h1>');

    r = await c.get('/index.html?name=World');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, World!</h1>');

    r = await c.get('/badtemplate.html');
    expect(r.status).toBe(500);
    const error = loggedError(logger);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).line).toBe(4);
    expect(formatError(error)).toMatch(/<strong class="error-line">4 {4}&lt;p&gt;/);
  });

  // kajiki → handlebars.
  it('test_kajiki', async () => {
    class RootController {
      @expose('handlebars:handlebars.html') index(name = 'Jonathan') {
        return { name };
      }
    }
    const c = await client(makeApp(new RootController(), { templatePath }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, Jonathan!</h1>');

    r = await c.get('/index.html?name=World');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, World!</h1>');
  });

  // jinja → nunjucks: the same Jinja-syntax template and the same bad one ({% block %}).
  it('test_jinja', async () => {
    class RootController {
      @expose('nunjucks:nunjucks.html') index(name = 'Jonathan') {
        return { name };
      }

      @expose('nunjucks:nunjucks_bad.html') badtemplate() {
        return {};
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { templatePath, logger }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, Jonathan!</h1>');

    r = await c.get('/badtemplate.html');
    expect(r.status).toBe(500);
    const error = loggedError(logger);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).line).toBe(11);
    expect(formatError(error)).toContain('<strong class="error-line">11  {% block %}</strong>');
  });

  // mako → eta, the default engine.
  it('test_mako', async () => {
    class RootController {
      @expose('eta:eta.html') index(name = 'Jonathan') {
        return { name };
      }

      @expose('eta:eta_bad.html') badtemplate() {
        return {};
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { templatePath, logger }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, Jonathan!</h1>');

    r = await c.get('/index.html?name=World');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, World!</h1>');

    r = await c.get('/badtemplate.html');
    expect(r.status).toBe(500);
    const error = loggedError(logger);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).line).toBe(5);
    expect(formatError(error)).toMatch(/<strong class="error-line">5 {4}&lt;p&gt;unclosed tag/);
  });

  it('test_renderer_not_found', async () => {
    class RootController {
      @expose('mako3:eta.html') index(name = 'Jonathan') {
        return { name };
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { templatePath, logger }));
    const r = await c.get('/');
    expect(r.status).toBe(500);
    expect(String(loggedError(logger))).toContain('support for "mako3" was not found;');
  });

  it('test_json', async () => {
    const expectedResult = { name: 'Jonathan', age: 30, nested: { works: true } };
    class RootController {
      @expose('json') index() {
        return expectedResult;
      }
    }
    const c = await client(makeApp(new RootController()));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual(expectedResult);
  });

  it('test_custom_renderer', async () => {
    class RootController {
      @expose('backwards:eta.html') index(name = 'Joe') {
        return { name };
      }
    }
    // Custom renderer that reverses all string namespace values (Pecan subclasses MakoRenderer).
    const backwardsRenderer: RendererFactory = (options) => {
      const eta = etaRenderer(options);
      return {
        render(template, namespace) {
          const reversed = Object.entries(namespace as Record<string, string>).map(
            ([key, value]) => [key, [...value].reverse().join('')],
          );
          return eta.render(template, Object.fromEntries(reversed));
        },
      };
    };
    const c = await client(
      makeApp(new RootController(), {
        templatePath,
        customRenderers: { backwards: backwardsRenderer },
      }),
    );
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, eoJ!</h1>');

    r = await c.get('/index.html?name=Tim');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, miT!</h1>');
  });

  it('test_override_template', async () => {
    class RootController {
      @expose('foo.html') index() {
        overrideTemplate(null, 'text/plain');
        return 'Override';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Override');
    expect(r.contentType?.split(';')[0]).toBe('text/plain');
  });

  it('test_render', async () => {
    class RootController {
      @expose() index(name = 'Jonathan') {
        return render('eta.html', { name });
      }
    }
    const c = await client(makeApp(new RootController(), { templatePath }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Hello, Jonathan!</h1>');
  });

  it('test_default_json_renderer', async () => {
    class RootController {
      @expose() index(name = 'Bill') {
        return { name };
      }
    }
    const c = await client(makeApp(new RootController(), { defaultRenderer: 'json' }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ name: 'Bill' });
  });

  it('test_default_json_renderer_with_explicit_content_type', async () => {
    class RootController {
      @expose({ contentType: 'text/plain' }) index(name = 'Bill') {
        return name;
      }
    }
    const c = await client(makeApp(new RootController(), { defaultRenderer: 'json' }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Bill');
  });
});
