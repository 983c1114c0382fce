/** Stage 11 of docs/lifecycle.md: the controller is called on the object it was found on. */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { expose, makeApp } from '../../../src/index.js';

class Root {
  private readonly prefix = 'Dear';

  @expose() hello(name: string) {
    return `${this.prefix} ${name}`;
  }

  @expose('json') async later(n: string) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { n: Number(n) * 2 };
  }
}

describeAdapters('stage 11: controller', ({ client }) => {
  it('calls the method with `this` bound to its controller', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/hello/ann')).text).toBe('Dear ann');
  });

  it('an async controller: the pass resumes at stage 12 (render) with its value', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/later/21')).json).toEqual({ n: 42 });
  });
});
