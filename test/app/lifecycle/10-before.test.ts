/** Stage 10 of docs/lifecycle.md: before hooks, with the arguments bound (§5.3). */
import { expect, it } from 'vitest';
import { describeAdapters } from '../../support/adapters.js';
import { PecanHook, expose, makeApp, request, type State } from '../../../src/index.js';

class Root {
  @expose() greet(name: string) {
    return `${String(request.context.greeting)} ${name}`;
  }
}

describeAdapters('stage 10: before', ({ client }) => {
  it('sees the bound arguments; an async hook: the pass resumes at stage 11', async () => {
    class Greeting extends PecanHook {
      override async before(state: State) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        state.request.context.greeting = `hello (${String(state.arguments?.args[0])})`;
      }
    }
    const c = await client(makeApp(new Root(), { hooks: [new Greeting()] }));
    expect((await c.get('/greet/ann')).text).toBe('hello (ann) ann');
  });

  it('runs by priority, lowest first', async () => {
    const order: string[] = [];
    class Named extends PecanHook {
      constructor(
        readonly name: string,
        override priority: number,
      ) {
        super();
      }
      override before() {
        order.push(this.name);
      }
    }
    const app = makeApp(new Root(), { hooks: [new Named('late', 200), new Named('early', 50)] });
    const c = await client(app);
    await c.get('/greet/ann');
    expect(order).toEqual(['early', 'late']);
  });
});
