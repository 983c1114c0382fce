/**
 * Memoised dispatch and security (src/dispatch/route-memo.ts): a path remembered before anything
 * was secured is checked once something is. Its own file: securing turns security on for the
 * whole module, and with it the memo off.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, secure } from '../../src/index.js';
import { isSecurityActive } from '../../src/security/marks.js';
import { quiet } from '../support/logger.js';

class Vault {
  @expose() index() {
    return 'gold';
  }
}

class Root {
  vault: Vault = new Vault();
}

describeAdapters('memoised dispatch and security', ({ client }) => {
  it('checks a remembered path once its controller is secured', async () => {
    const wasActive = isSecurityActive();
    const root = new Root();
    const app = makeApp(root, { logger: quiet });
    const c = await client(app);
    expect((await c.get('/vault/')).text).toBe('gold');
    expect((await c.get('/vault/')).text).toBe('gold');
    // Remembered while nothing was secured (the first run); not once security is on.
    expect(app.app.routeMemo.size).toBe(wasActive ? 0 : 1);
    root.vault = secure(root.vault, () => false);
    expect((await c.get('/vault/')).status).toBe(401);
  });
});
