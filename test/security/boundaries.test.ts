/**
 * Where security checks run during the walk (§6.2), beyond the cases of Pecan's own tests:
 * entering wrapped sub-controllers, the order rules, nested controllers, and the holes this port
 * closes (custom segments, `_default`).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { SecureController, expose, makeApp, secure, unlocked } from '../../src/index.js';

/** A check that records its calls and answers `allow`. */
function gate(name: string, calls: string[], state: { allow: boolean }) {
  return () => {
    calls.push(name);
    return state.allow;
  };
}

describeAdapters('security boundaries', ({ client }) => {
  class Page {
    @expose() index() {
      return 'page';
    }

    @expose({ route: 'with-dash' }) withDash() {
      return 'dashed';
    }

    grand = new Leaf();
  }

  class Leaf {
    @expose() show(id: string) {
      return `leaf ${id}`;
    }
  }

  it('runs a wrapper check on entering, before anything below is resolved (§6.2 step 3)', async () => {
    const calls: string[] = [];
    const state = { allow: false };
    const root = { wrapped: secure(new Page(), gate('wrapped', calls, state)) };
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/wrapped/missing')).status).toBe(401);
    state.allow = true;
    expect((await c.get('/wrapped/missing')).status).toBe(404);
    expect((await c.get('/wrapped/')).text).toBe('page');
    expect(calls).toEqual(['wrapped', 'wrapped', 'wrapped']);
  });

  it('checks a wrapper before its canonical redirect, as Pecan', async () => {
    const state = { allow: false };
    const root = { wrapped: secure(new Page(), gate('wrapped', [], state)) };
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/wrapped')).status).toBe(401);
    state.allow = true;
    expect((await c.get('/wrapped')).status).toBe(302);
  });

  it('redirects to the canonical URL before authenticating a SecureController (§6.2 step 8)', async () => {
    const calls: string[] = [];
    class Secret extends SecureController {
      @expose() index() {
        return 'secret';
      }

      static override checkPermissions() {
        calls.push('secret');
        return false;
      }
    }
    const c = await client(makeApp({ secret: new Secret() }, { logger: quiet }));
    const r = await c.get('/secret');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/secret/');
    expect(calls).toEqual([]);
    expect((await c.get('/secret/')).status).toBe(401);
    expect(calls).toEqual(['secret']);
  });

  it('answers a missing child of a SecureController with a 404 and no check (§6.2 step 2)', async () => {
    const calls: string[] = [];
    class Secret extends SecureController {
      static override checkPermissions() {
        calls.push('secret');
        return false;
      }
    }
    const c = await client(makeApp({ secret: new Secret() }, { logger: quiet }));
    expect((await c.get('/secret/missing')).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('protects plain controllers nested below a SecureController', async () => {
    const state = { allow: false };
    class Secret extends SecureController {
      page = new Page();

      static override checkPermissions() {
        return state.allow;
      }
    }
    const c = await client(makeApp({ secret: new Secret() }, { logger: quiet }));
    expect((await c.get('/secret/page/')).status).toBe(401);
    expect((await c.get('/secret/page/grand/show/1')).status).toBe(401);
    state.allow = true;
    expect((await c.get('/secret/page/grand/show/1')).text).toBe('leaf 1');
  });

  it('does not let a custom path segment skip the parent check', async () => {
    // Pecan resolved custom segments before its boundary check, so this was served to anyone.
    class Secret extends SecureController {
      page = new Page();
    }
    const c = await client(makeApp({ secret: new Secret() }, { logger: quiet }));
    expect((await c.get('/secret/page/with-dash')).status).toBe(401);
  });

  it('protects the _default of a SecureController unless it is unlocked', async () => {
    // Pecan returned a `_default` fallback without any check.
    class Secret extends SecureController {
      @expose() _default(...rest: string[]) {
        return `default ${rest.join('/')}`;
      }
    }
    class Open extends SecureController {
      @expose() @unlocked _default(...rest: string[]) {
        return `default ${rest.join('/')}`;
      }
    }
    const c = await client(makeApp({ secret: new Secret(), open: new Open() }, { logger: quiet }));
    expect((await c.get('/secret/anything')).status).toBe(401);
    expect((await c.get('/open/anything')).text).toBe('default anything');
  });

  it('checks a secured root controller', async () => {
    const state = { allow: false };
    const c = await client(makeApp(secure(new Page(), gate('root', [], state)), { logger: quiet }));
    expect((await c.get('/')).status).toBe(401);
    state.allow = true;
    expect((await c.get('/')).text).toBe('page');
  });

  it('runs the checks of nested boundaries from the outside in (§6.2 step 4)', async () => {
    const calls: string[] = [];
    const state = { allow: true };
    const inner = secure(new Page(), gate('inner', calls, state));
    const middle = secure({ inner }, gate('middle', calls, state));
    const root = { outer: secure({ middle }, gate('outer', calls, state)) };
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/outer/middle/inner/')).text).toBe('page');
    expect(calls).toEqual(['outer', 'middle', 'inner']);
  });

  it('looks a string wrapper check up on the parent controller', async () => {
    class Root {
      allowed = false;
      admin = secure(new Page(), 'canAdmin');

      canAdmin() {
        return this.allowed;
      }
    }
    const root = new Root();
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/admin/')).status).toBe(401);
    root.allowed = true;
    expect((await c.get('/admin/')).text).toBe('page');
  });

  it('looks a string wrapper check up on the controller whose _lookup returned it', async () => {
    class Root {
      allowed = false;

      @expose() _lookup(name: string, ...rest: string[]) {
        if (name === 'admin') return [secure(new Page(), 'canAdmin'), rest];
        return null;
      }

      canAdmin() {
        return this.allowed;
      }
    }
    const root = new Root();
    const c = await client(makeApp(root, { logger: quiet }));
    expect((await c.get('/admin/')).status).toBe(401);
    root.allowed = true;
    expect((await c.get('/admin/')).text).toBe('page');
  });

  it('runs a secured _lookup check on what it returns, even an exposed method', async () => {
    class Root {
      @expose() @secure(() => false) _lookup(..._rest: string[]) {
        return [Page.prototype.index, []];
      }
    }
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/anything')).status).toBe(401);
  });

  it('checks what a SecureController _route hands over (§6.2 step 2)', async () => {
    const state = { allow: false };
    const page = new Page();
    class Routed extends SecureController {
      @expose() _route(remainder: string[]) {
        return [Page.prototype.index, remainder, page];
      }

      static override checkPermissions() {
        return state.allow;
      }
    }
    const c = await client(makeApp({ routed: new Routed() }, { logger: quiet }));
    expect((await c.get('/routed/x')).status).toBe(401);
    state.allow = true;
    expect((await c.get('/routed/')).text).toBe('page');
  });

  it('keeps the own check of a SecureController that is unlocked from its parent', async () => {
    const calls: string[] = [];
    class Inner extends SecureController {
      @expose() index() {
        return 'inner';
      }

      static override checkPermissions() {
        calls.push('inner');
        return true;
      }
    }
    class Outer extends SecureController {
      inner = unlocked(new Inner());

      static override checkPermissions() {
        calls.push('outer');
        return false;
      }
    }
    const c = await client(makeApp({ outer: new Outer() }, { logger: quiet }));
    expect((await c.get('/outer/inner/')).text).toBe('inner');
    expect(calls).toEqual(['inner']);
  });
});
