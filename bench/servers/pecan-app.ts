/**
 * The pecan bench app, written the way the guides write controllers (docs/performance.md shows
 * it as a runnable example): controller classes, a RestController, plain nested objects, and
 * JSON bodies read both through `request.json` and as bound arguments.
 */
import { RestController, expose, makeApp, request, response, type Valid } from 'pecan';
import { z } from 'zod';
import { DEEP_TEXT, ORDER_LIMITS, PLAIN_TEXT, TEXT, created, hello, user } from '../endpoints.js';

// The validated endpoint's schemas (docs/typed-apis.md): what Fastify's JSON schemas say.
const order = {
  query: z.object({
    priority: z.coerce.number().int().min(ORDER_LIMITS.priority[0]).max(ORDER_LIMITS.priority[1]),
    notify: z.enum(['true', 'false']).transform((value) => value === 'true'),
  }),
  body: z.object({
    item: z.string().min(1),
    quantity: z.number().int().min(1),
    tags: z.array(z.string()).max(ORDER_LIMITS.maxTags),
  }),
};

// Six nested controllers: /deep/a/b/c/d/e/f walks deep → a → b → c → d → e, then calls `f`.
class E {
  @expose({ contentType: 'text/plain' }) f() {
    return DEEP_TEXT;
  }
}
class D {
  e = new E();
}
class C {
  d = new D();
}
class B {
  c = new C();
}
class A {
  b = new B();
}
class DeepController {
  a = new A();
}

// The same walk through plain objects: /plain/a/b/c/d/e/f.
class Leaf {
  @expose({ contentType: 'text/plain' }) f() {
    return PLAIN_TEXT;
  }
}

class UsersController extends RestController {
  @expose('json') getOne(id: string) {
    return user(id);
  }

  // The JSON body's fields, bound by name.
  @expose('json') post(name: string, email: string) {
    response.status = 201;
    return created(name, email);
  }
}

export class RootController {
  users = new UsersController();
  deep = new DeepController();
  plain = { a: { b: { c: { d: { e: new Leaf() } } } } };

  @expose({ contentType: 'text/plain' }) index() {
    return TEXT;
  }

  @expose('json') json() {
    return hello();
  }

  @expose('json') echo() {
    return request.json;
  }

  @expose({ template: 'json', schema: order }) orders() {
    const { query, body } = request.valid as Valid<typeof order>;
    return { ...body, ...query };
  }
}

/** At its defaults: context locals on, canonical redirects on, extension negotiation on. */
export const app = makeApp(new RootController());
