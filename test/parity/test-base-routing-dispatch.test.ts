/**
 * Port of pecan/tests/test_base.py: TestIndexRouting, TestObjectDispatch, TestUnicodePathSegments
 * (pecan-reference §1.1–1.4, §1.10).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

describeAdapters('test_base.py TestIndexRouting', ({ client }) => {
  class RootController {
    @expose() index() {
      return 'Hello, World!';
    }
  }

  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_empty_root', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_index', async () => {
    const r = await (await app()).get('/index');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_index_html', async () => {
    const r = await (await app()).get('/index.html');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });
});

describeAdapters('test_base.py TestObjectDispatch', ({ client }) => {
  class SubSubController {
    @expose() index() {
      return '/sub/sub/';
    }

    @expose() deeper() {
      return '/sub/sub/deeper';
    }
  }

  class SubController {
    @expose() index() {
      return '/sub/';
    }

    @expose() deeper() {
      return '/sub/deeper';
    }

    sub = new SubSubController();
  }

  class RootController {
    @expose() index() {
      return '/';
    }

    @expose() deeper() {
      return '/deeper';
    }

    sub = new SubController();
  }

  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_index', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');
  });

  it('test_one_level', async () => {
    const r = await (await app()).get('/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/deeper');
  });

  it('test_one_level_with_trailing', async () => {
    const r = await (await app()).get('/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/');
  });

  it('test_two_levels', async () => {
    const r = await (await app()).get('/sub/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/deeper');
  });

  it('test_two_levels_with_trailing', async () => {
    const r = await (await app()).get('/sub/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/sub/');
  });

  it('test_three_levels', async () => {
    const r = await (await app()).get('/sub/sub/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/sub/deeper');
  });
});

describeAdapters('test_base.py TestUnicodePathSegments', ({ client }) => {
  it('test_unicode_methods', async () => {
    // Python: setattr(RootController, '🌰', expose()(lambda self: ...)); JS: a computed method name.
    class RootController {
      @expose() ['🌰']() {
        return 'Hello, World!';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/%F0%9F%8C%B0/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_unicode_child', async () => {
    class ChildController {
      @expose() index() {
        return 'Hello, World!';
      }
    }
    class RootController {
      '🌰' = new ChildController();
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/%F0%9F%8C%B0/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });
});
