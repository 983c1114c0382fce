/**
 * The permission checks themselves: what a failing check answers (§6.2 step 9), errors a check
 * throws, async checks, instance and static `checkPermissions`, string checks and decorator order.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import {
  SecureController,
  abort,
  expose,
  makeApp,
  request,
  secure,
  type PecanRequest,
  type PecanResponse,
} from '../../src/index.js';

describeAdapters('security checks', ({ client }) => {
  class Root {
    @expose() @secure(() => false) locked() {
      return 'never';
    }

    @expose() @secure(() => abort(403, 'admins only')) forbidden() {
      return 'never';
    }

    @expose() @secure(() => request.headers.get('x-token') === 'open sesame') viaContext() {
      return 'in';
    }

    @expose() @secure((req) => req.headers.get('x-token') === 'open sesame') viaArgument() {
      return 'in';
    }

    @secure(() => false) @expose() securedFirst() {
      return 'never';
    }

    @expose() @secure(async () => false) asyncDenied() {
      return 'never';
    }

    @expose() @secure(async () => true) asyncGranted() {
      return 'granted';
    }

    @expose() @secure(() => Promise.reject(new Error('auth backend down'))) asyncBroken() {
      return 'never';
    }

    @expose() @secure('noSuchCheck') misnamed() {
      return 'never';
    }

    @expose() @secure('isOwner') owned() {
      return 'yours';
    }

    owner = 'ann';

    isOwner(req: PecanRequest) {
      return req.headers.get('x-user') === this.owner;
    }
  }

  it('answers a failing check with 401, no WWW-Authenticate and the plain error body', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.get('/locked');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBeNull();
    expect(r.contentType).toMatch(/^text\/plain/);
    expect(r.text).toContain('401 Unauthorized');
  });

  it('answers a failing check in JSON when the client prefers JSON', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.get('/locked', { headers: { Accept: 'application/json' } });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ code: 401, title: 'Unauthorized' });
  });

  it('lets a check answer with its own HTTP error', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const r = await c.get('/forbidden');
    expect(r.status).toBe(403);
    expect(r.text).toContain('admins only');
  });

  it('lets a check read the request from the context local or its argument', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    const headers = { 'x-token': 'open sesame' };
    expect((await c.get('/viaContext')).status).toBe(401);
    expect((await c.get('/viaContext', { headers })).text).toBe('in');
    expect((await c.get('/viaArgument')).status).toBe(401);
    expect((await c.get('/viaArgument', { headers })).text).toBe('in');
  });

  it('hands the request to checks in explicit mode (contextLocals: false)', async () => {
    class Explicit {
      @expose() @secure((req) => req.headers.get('x-token') === 'open sesame') page(
        _req: PecanRequest,
        _res: PecanResponse,
      ) {
        return 'in';
      }
    }
    const c = await client(makeApp(new Explicit(), { logger: quiet, contextLocals: false }));
    expect((await c.get('/page')).status).toBe(401);
    expect((await c.get('/page', { headers: { 'x-token': 'open sesame' } })).text).toBe('in');
  });

  it('protects a method whichever of @secure and @expose comes first', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/securedFirst')).status).toBe(401);
    expect((await c.get('/locked')).status).toBe(401);
  });

  it('awaits async checks', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/asyncDenied')).status).toBe(401);
    expect((await c.get('/asyncGranted')).text).toBe('granted');
  });

  it('answers a check that fails with a non-HTTP error with a logged 500', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expect((await c.get('/asyncBroken')).status).toBe(500);
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
  });

  it('looks a string check up on the controller at request time', async () => {
    const root = new Root();
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/owned', { headers: { 'x-user': 'ann' } })).text).toBe('yours');
    root.owner = 'bob';
    expect((await c.get('/owned', { headers: { 'x-user': 'ann' } })).status).toBe(401);
  });

  it('answers a string check that names no method with a 500', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expect((await c.get('/misnamed')).status).toBe(500);
    expect(String(logger.lines[0]?.details[0])).toContain('noSuchCheck');
  });

  it('denies by default: a SecureController without checkPermissions', async () => {
    class Closed extends SecureController {
      @expose() index() {
        return 'never';
      }
    }
    const c = await client(makeApp(new Closed(), { logger: quiet }));
    expect((await c.get('/')).status).toBe(401);
  });

  it('uses an instance checkPermissions before the static one', async () => {
    class Accounts extends SecureController {
      constructor(readonly open: boolean) {
        super();
      }

      @expose() index() {
        return 'accounts';
      }

      override checkPermissions() {
        return this.open;
      }

      static override checkPermissions() {
        return false;
      }
    }
    const c = await client(
      makeApp({ open: new Accounts(true), closed: new Accounts(false) }, { logger: quiet }),
    );
    expect((await c.get('/open/')).text).toBe('accounts');
    expect((await c.get('/closed/')).status).toBe(401);
  });

  it('awaits an async checkPermissions', async () => {
    class Slow extends SecureController {
      @expose() index() {
        return 'slow';
      }

      static override async checkPermissions(req: PecanRequest) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return req.headers.get('x-token') === 'open sesame';
      }
    }
    const c = await client(makeApp({ slow: new Slow() }, { logger: quiet }));
    expect((await c.get('/slow/')).status).toBe(401);
    expect((await c.get('/slow/', { headers: { 'x-token': 'open sesame' } })).text).toBe('slow');
  });

  it('applies the check of the class serving the request, per subclass', async () => {
    class Base extends SecureController {
      @expose() index() {
        return 'base';
      }
    }
    class Opened extends Base {
      static override checkPermissions() {
        return true;
      }
    }
    const c = await client(makeApp({ base: new Base(), opened: new Opened() }, { logger: quiet }));
    expect((await c.get('/base/')).status).toBe(401);
    expect((await c.get('/opened/')).text).toBe('base');
  });

  it('checks HEAD requests like GET', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.head('/locked')).status).toBe(401);
  });
});
