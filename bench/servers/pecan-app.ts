/**
 * The pecan bench app, written the way the guides write controllers (docs/performance.md shows
 * it as a runnable example).
 */
import { RestController, expose, makeApp, request } from 'pecan';
import { DEEP_TEXT, TEXT, hello, user } from '../endpoints.js';

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

class UsersController extends RestController {
  @expose('json') getOne(id: string) {
    return user(id);
  }
}

export class RootController {
  users = new UsersController();
  deep = new DeepController();

  @expose({ contentType: 'text/plain' }) index() {
    return TEXT;
  }

  @expose('json') json() {
    return hello();
  }

  @expose('json') echo() {
    return request.json;
  }
}

/** At its defaults: context locals on, canonical redirects on, extension negotiation on. */
export const app = makeApp(new RootController());
