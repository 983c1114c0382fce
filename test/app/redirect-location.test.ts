/** Issue 13: `redirect()` to a location that is not a URL is a documented, logged 500. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { recordingLogger } from '../support/logger.js';
import { expose, makeApp, redirect } from '../../src/index.js';

class Root {
  @expose() go(to: string) {
    redirect(to);
  }
}

describeAdapters('redirect() to a location that is not a URL', ({ client }) => {
  for (const to of ['http://[', 'http://a:99999/', 'https://exa mple.com/']) {
    it(`answers ${to} with a logged 500 naming PECAN_ERR_REDIRECT_LOCATION`, async () => {
      const logger = recordingLogger();
      const c = await client(makeApp(new Root(), { logger }));
      const r = await c.get(`/go?to=${encodeURIComponent(to)}`);
      expect(r.status).toBe(500);
      expect(r.location).toBeNull();
      expect(r.text).not.toContain(to);
      const logged = logger.lines.filter((l) => l.level === 'error');
      expect(logged).toHaveLength(1);
      const error = logged[0]!.details.find((d) => d instanceof Error) as
        (Error & { code?: string }) | undefined;
      expect(error?.code).toBe('PECAN_ERR_REDIRECT_LOCATION');
      expect(error?.message).toContain(JSON.stringify(to));
    });
  }

  it('still resolves relative and absolute locations', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/go?to=/a/b')).location).toBe('http://localhost/a/b');
    expect((await c.get('/go?to=https://example.com:8443/x')).location).toBe(
      'https://example.com:8443/x',
    );
  });
});
