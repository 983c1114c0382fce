/**
 * Port of Python Pecan's pecan/tests/test_secure.py TestObjectPathSecurity: checks at every
 * controller boundary of the walk, through `_lookup`, unlocked `_lookup`s, independent checks and
 * `secure(controller, 'methodOfParent')` wrappers. DESIGN §5.1: camelCase check names.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { SecureController, expose, makeApp, secure, unlocked } from '../../src/index.js';

describeAdapters('test_secure.py TestObjectPathSecurity', ({ client }) => {
  /** Pecan's setUp: a fresh tree per test, so the class-level flags start false (tearDown). */
  async function setUp() {
    const permissionsChecked = new Set<string>();

    class DeepSecretController extends SecureController {
      static authorized = false;

      @expose() @unlocked _lookup(someID: string, ...remainder: string[]) {
        if (someID === 'notfound') return null;
        return [new SubController(someID), remainder];
      }

      @expose() index() {
        return 'Deep Secret';
      }

      static override checkPermissions() {
        permissionsChecked.add('deepsecret');
        return this.authorized;
      }
    }

    class SubController {
      deepsecret = new DeepSecretController();

      constructor(readonly myID: string) {}

      @expose() index() {
        return `Index ${this.myID}`;
      }
    }

    class SecretController extends SecureController {
      static authorized = false;
      static independentAuthorization = false;

      @expose() _lookup(someID: string, ...remainder: string[]) {
        if (someID === 'notfound') return null;
        if (someID === 'lookup_wrapped') return [this.wrapped, remainder];
        return [new SubController(someID), remainder];
      }

      @secure('independentCheckPermissions') @expose() independent() {
        return 'Independent Security';
      }

      wrapped = secure(new SubController('wrapped'), 'independentCheckPermissions');

      static override checkPermissions() {
        permissionsChecked.add('secretcontroller');
        return this.authorized;
      }

      static independentCheckPermissions() {
        permissionsChecked.add('independent');
        return this.independentAuthorization;
      }
    }

    class NotSecretController {
      @expose() _lookup(someID: string, ...remainder: string[]) {
        if (someID === 'notfound') return null;
        return [new SubController(someID), remainder];
      }

      unlocked = unlocked(new SubController('unlocked'));
    }

    class RootController {
      secret = new SecretController();
      notsecret = new NotSecretController();
    }

    const app = await client(makeApp(new RootController(), { logger: quiet }));
    return {
      app,
      permissionsChecked,
      secretCls: SecretController,
      deepsecretCls: DeepSecretController,
    };
  }

  it('test_sub_of_both_not_secret', async () => {
    const { app } = await setUp();
    const r = await app.get('/notsecret/hi/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index hi');
  });

  it('test_protected_lookup', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    let r = await app.get('/secret/hi/');
    expect(r.status).toBe(401);

    secretCls.authorized = true;
    r = await app.get('/secret/hi/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index hi');
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
  });

  it('test_secured_notfound_lookup', async () => {
    const { app } = await setUp();
    const r = await app.get('/secret/notfound/');
    expect(r.status).toBe(404);
  });

  it('test_secret_through_lookup', async () => {
    const { app } = await setUp();
    const r = await app.get('/notsecret/hi/deepsecret/');
    expect(r.status).toBe(401);
  });

  it('test_layered_protection', async () => {
    const { app, permissionsChecked, secretCls, deepsecretCls } = await setUp();
    let r = await app.get('/secret/hi/deepsecret/');
    expect(r.status).toBe(401);
    expect(permissionsChecked.has('secretcontroller')).toBe(true);

    secretCls.authorized = true;
    r = await app.get('/secret/hi/deepsecret/');
    expect(r.status).toBe(401);
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
    expect(permissionsChecked.has('deepsecret')).toBe(true);

    deepsecretCls.authorized = true;
    r = await app.get('/secret/hi/deepsecret/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Deep Secret');
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
    expect(permissionsChecked.has('deepsecret')).toBe(true);
  });

  it('test_cyclical_protection', async () => {
    const { app, permissionsChecked, secretCls, deepsecretCls } = await setUp();
    secretCls.authorized = true;
    deepsecretCls.authorized = true;
    const r = await app.get('/secret/1/deepsecret/2/deepsecret/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Deep Secret');
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
    expect(permissionsChecked.has('deepsecret')).toBe(true);
  });

  it('test_unlocked_lookup', async () => {
    const { app, permissionsChecked } = await setUp();
    let r = await app.get('/notsecret/1/deepsecret/2/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index 2');
    expect(permissionsChecked.has('deepsecret')).toBe(false);

    r = await app.get('/notsecret/1/deepsecret/notfound/');
    expect(r.status).toBe(404);
    expect(permissionsChecked.has('deepsecret')).toBe(false);
  });

  it('test_mixed_protection', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    secretCls.authorized = true;
    const r = await app.get('/secret/1/deepsecret/notfound/');
    expect(r.status).toBe(404);
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
    expect(permissionsChecked.has('deepsecret')).toBe(false);
  });

  it('test_independent_check_failure', async () => {
    const { app, permissionsChecked } = await setUp();
    const r = await app.get('/secret/independent/');
    expect(r.status).toBe(401);
    expect(permissionsChecked.size).toBe(1);
    expect(permissionsChecked.has('independent')).toBe(true);
  });

  it('test_independent_check_success', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    secretCls.independentAuthorization = true;
    const r = await app.get('/secret/independent');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Independent Security');
    expect(permissionsChecked.size).toBe(1);
    expect(permissionsChecked.has('independent')).toBe(true);
  });

  it('test_wrapped_attribute_failure', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    secretCls.independentAuthorization = false;
    const r = await app.get('/secret/wrapped/');
    expect(r.status).toBe(401);
    expect(permissionsChecked.size).toBe(1);
    expect(permissionsChecked.has('independent')).toBe(true);
  });

  it('test_wrapped_attribute_success', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    secretCls.independentAuthorization = true;
    const r = await app.get('/secret/wrapped/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index wrapped');
    expect(permissionsChecked.size).toBe(1);
    expect(permissionsChecked.has('independent')).toBe(true);
  });

  it('test_lookup_to_wrapped_attribute_on_self', async () => {
    const { app, permissionsChecked, secretCls } = await setUp();
    secretCls.authorized = true;
    secretCls.independentAuthorization = true;
    const r = await app.get('/secret/lookup_wrapped/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index wrapped');
    expect(permissionsChecked.size).toBe(2);
    expect(permissionsChecked.has('independent')).toBe(true);
    expect(permissionsChecked.has('secretcontroller')).toBe(true);
  });

  it('test_unlocked_attribute_in_insecure', async () => {
    const { app } = await setUp();
    const r = await app.get('/notsecret/unlocked/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Index unlocked');
  });
});
