/**
 * The pecan bench app, written the way the guides write controllers. `GET /users/<id>` is a
 * RestController's `getOne` when the built package exports `RestController`, and a plain
 * controller's `_lookup` before that (the report says which one ran).
 */
import * as pecan from 'pecan';
import { acceptNoncanonical, expose, makeApp, request } from 'pecan';
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

class UserController {
  constructor(private readonly id: string) {}

  // `/users/42` has no trailing slash: served as it is, not redirected to `/users/42/` (§1.4).
  @acceptNoncanonical
  @expose('json')
  index() {
    return user(this.id);
  }
}

class UsersLookupController {
  @expose() _lookup(id: string, ...rest: string[]) {
    return [new UserController(id), rest];
  }
}

type ControllerClass = new () => object;
const RestController = (pecan as unknown as Record<string, unknown>).RestController as
  ControllerClass | undefined;

function usersController(): { controller: object; via: string } {
  if (RestController === undefined) {
    return { controller: new UsersLookupController(), via: 'UsersController._lookup' };
  }
  class UsersController extends RestController {
    @expose('json') getOne(id: string) {
      return user(id);
    }
  }
  return { controller: new UsersController(), via: 'RestController.getOne' };
}

const users = usersController();
/** How `GET /users/<id>` is served in this build. */
export const usersVia = users.via;

export class RootController {
  users = users.controller;
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
