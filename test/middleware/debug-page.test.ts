/**
 * Debug mode's error page (§8.6): unhandled errors become an HTML page with the stack, the
 * request and the routing state, all escaped; HTTP errors pecan already turned into responses
 * are untouched, and without debug mode a 500 reveals nothing.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import { abort, expose, HTTPError, makeApp, PecanHook, request } from '../../src/index.js';

class RootController {
  @expose() explode(what = 'nothing') {
    throw new Error(`boom <script>alert("${what}")</script>`);
  }

  @expose() forbidden() {
    abort(403, 'nope');
  }

  @expose() fine() {
    return 'fine';
  }
}

const PRODUCTION_500 =
  '500 Internal Server Error\n\nThe server has either erred or is incapable of performing the requested operation.\n\n   ';

describeAdapters('debug page', ({ client }) => {
  it('shows an unhandled error as an HTML page with status 500', async () => {
    const c = await client(makeApp(new RootController(), { debug: true, logger: quiet }));
    const r = await c.get('/explode');
    expect(r.status).toBe(500);
    expect(r.contentType).toBe('text/html; charset=UTF-8');
    expect(r.text).toContain('<title>Pecan - Application Error</title>');
    expect(r.text).toContain('<h1>An error occurred!</h1>');
    expect(r.text).toContain('<code>debug: false</code>');
  });

  it('shows the stack trace, escaped', async () => {
    const c = await client(makeApp(new RootController(), { debug: true, logger: quiet }));
    const r = await c.get('/explode?what=x');
    expect(r.text).toContain('<h2>Traceback</h2>');
    expect(r.text).toContain('Error: boom &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.text).toMatch(/at RootController\.explode \(.*debug-page\.test\.ts:\d+:\d+\)/);
    expect(r.text).not.toContain('<script>');
  });

  it('shows the request: method, URL and headers, escaped', async () => {
    const c = await client(makeApp(new RootController(), { debug: true, logger: quiet }));
    const r = await c.post('/explode?what=%3Ci%3E', { headers: { 'x-probe': '<b>probe</b>' } });
    expect(r.text).toContain('<th>method</th><td><pre>POST</pre></td>');
    expect(r.text).toContain('<th>URL</th><td><pre>http://localhost/explode?what=%3Ci%3E</pre>');
    expect(r.text).toContain('<th>header x-probe</th><td><pre>&lt;b&gt;probe&lt;/b&gt;</pre>');
  });

  it('shows the routing state: controller, arguments and request.pecan, escaped', async () => {
    const c = await client(makeApp(new RootController(), { debug: true, logger: quiet }));
    const r = await c.get('/explode/%3Ci%3E');
    expect(r.text).toContain('<th>controller</th><td><pre>RootController.explode</pre>');
    expect(r.text).toMatch(
      /<th>arguments<\/th><td><pre>\{\n {2}&quot;args&quot;: \[\n {4}&quot;&lt;i&gt;&quot;/,
    );
    expect(r.text).toContain('&quot;routingPath&quot;: &quot;/explode/&lt;i&gt;&quot;');
    expect(r.text).toContain('&quot;contentType&quot;: &quot;text/html&quot;');
  });

  it('shows circular, binary and bigint values in the state without failing', async () => {
    class StatefulController {
      @expose() index() {
        const context = request.context;
        context.self = context;
        context.bytes = new Uint8Array(3);
        context.big = 10n;
        throw new Error('with state');
      }
    }
    const c = await client(makeApp(new StatefulController(), { debug: true, logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(500);
    expect(r.text).toContain('&quot;self&quot;: &quot;[Circular]&quot;');
    expect(r.text).toContain('&quot;bytes&quot;: &quot;[3 bytes]&quot;');
    expect(r.text).toContain('&quot;big&quot;: &quot;10n&quot;');
  });

  it('names no controller for an error raised before dispatch found one', async () => {
    class FailingRoute extends PecanHook {
      override onRoute() {
        throw new Error('onRoute failed');
      }
    }
    const app = makeApp(new RootController(), {
      debug: true,
      logger: quiet,
      hooks: [new FailingRoute()],
    });
    const r = await (await client(app)).get('/fine');
    expect(r.status).toBe(500);
    expect(r.text).toContain('Error: onRoute failed');
    expect(r.text).toContain('<th>controller</th><td><pre>(none:');
  });

  it('uses the status of an HTTP error that escaped the app (from an after hook)', async () => {
    class FailingAfter extends PecanHook {
      override after() {
        throw new HTTPError(409, 'late conflict');
      }
    }
    const app = makeApp(new RootController(), {
      debug: true,
      logger: quiet,
      hooks: [new FailingAfter()],
    });
    const r = await (await client(app)).get('/fine');
    expect(r.status).toBe(409);
    expect(r.text).toContain('<title>Pecan - Application Error</title>');
    expect(r.text).toContain('HTTPError: 409 Conflict: late conflict');
  });

  it('still logs the error', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { debug: true, logger }));
    await c.get('/explode');
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.level).toBe('error');
    expect(String(logger.lines[0]!.details[0])).toContain('boom');
  });

  it('leaves HTTP errors pecan already converted alone: a 403 stays a plain 403', async () => {
    const debug = await client(makeApp(new RootController(), { debug: true, logger: quiet }));
    const production = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await debug.get('/forbidden');
    expect(r.status).toBe(403);
    expect(r.text).not.toContain('Pecan - Application Error');
    expect(r.text).toBe((await production.get('/forbidden')).text);
  });

  it('is never shown without debug mode: the 500 reveals nothing', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/explode');
    expect(r.status).toBe(500);
    expect(r.text).toBe(PRODUCTION_500);
    expect(r.text).not.toContain('boom');
  });
});

describeAdapters('debug page and error documents', ({ client }) => {
  class WithErrorPage extends RootController {
    @expose() oops() {
      return 'the error document';
    }
  }

  it('is not replaced by an error document for 500 (Pecan: the debug layer is outside)', async () => {
    const app = makeApp(new WithErrorPage(), {
      debug: true,
      logger: quiet,
      errors: { 500: '/oops' },
    });
    const r = await (await client(app)).get('/explode');
    expect(r.status).toBe(500);
    expect(r.text).toContain('<title>Pecan - Application Error</title>');
  });

  it('leaves error documents to the errors pecan converts', async () => {
    const app = makeApp(new WithErrorPage(), {
      debug: true,
      logger: quiet,
      errors: { 403: '/oops' },
    });
    const r = await (await client(app)).get('/forbidden');
    expect(r.status).toBe(403);
    expect(r.text).toBe('the error document');
  });
});
