/**
 * Issue 13: `requestCls`/`responseCls`, Pecan's `request_cls`/`response_cls` (upstream
 * `TestCustomResponseandRequest::test_custom_objects`), from `makeApp` and from a config file.
 * Anything that is not pecan's class or a subclass fails at start-up, never silently.
 */
import { afterEach, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import {
  PecanRequest,
  PecanResponse,
  expose,
  loadApp,
  makeApp,
  redirect,
  request,
  response,
} from '../../src/index.js';
import { resetGlobalConfig } from '../../src/testing/index.js';

class CustomRequest extends PecanRequest {
  get customHeader(): string {
    return 'ABC';
  }
}

class CustomResponse extends PecanResponse {
  constructor(...args: ConstructorParameters<typeof PecanResponse>) {
    super(...args);
    this.headers.set('X-Custom-Response', 'XYZ');
  }
}

class RootController {
  @expose() index() {
    return (request as CustomRequest).customHeader;
  }
  @expose() kinds() {
    // The context locals are proxies: ask the objects, not their constructors.
    const custom = (request as Partial<CustomRequest>).customHeader ?? 'plain';
    return `${custom} ${response.headers.get('X-Custom-Response') ?? 'plain'}`;
  }
  @expose() again() {
    redirect('/kinds', { internal: true });
  }
}

afterEach(() => resetGlobalConfig());

describeAdapters('custom request and response classes', ({ client }) => {
  it('builds every request and response from them (test_custom_objects)', async () => {
    const app = makeApp(new RootController(), {
      requestCls: CustomRequest,
      responseCls: CustomResponse,
    });
    const c = await client(app);
    const r = await c.get('/');
    expect(r.text).toBe('ABC');
    expect(r.headers.get('x-custom-response')).toBe('XYZ');
    expect((await c.get('/kinds')).text).toBe('ABC XYZ');
    // An internal redirect starts over with the same classes.
    expect((await c.get('/again')).text).toBe('ABC XYZ');
  });

  it("accepts Pecan's snake_case names and the config file's app section", async () => {
    const fromConfig = await loadApp({
      app: { root: RootController, request_cls: CustomRequest, response_cls: CustomResponse },
    });
    const r = await (await client(fromConfig)).get('/kinds');
    expect(r.text).toBe('ABC XYZ');
  });

  it('uses pecan’s own classes by default', async () => {
    const c = await client(makeApp(new RootController()));
    expect((await c.get('/kinds')).text).toBe('plain plain');
  });
});

it('rejects what is not a subclass, naming the option', async () => {
  class Unrelated {}
  const cases: [string, unknown][] = [
    ['requestCls', Unrelated],
    ['requestCls', './request.js#CustomRequest'],
    ['responseCls', CustomRequest],
    ['responseCls', {}],
  ];
  for (const [option, value] of cases) {
    expect(() => makeApp(new RootController(), { [option]: value })).toThrow(
      expect.objectContaining({
        code: 'PECAN_ERR_CUSTOM_CLASS',
        message: expect.stringContaining(option) as string,
      }),
    );
  }
  await expect(
    loadApp({ app: { root: RootController, response_cls: 'custom.js#Response' } }),
  ).rejects.toThrow(/responseCls must be PecanResponse/);
});
