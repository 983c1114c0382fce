/**
 * Type test of the security API: these lines must typecheck (tsc runs over test/), and the
 * `@ts-expect-error` lines must not. The runtime assertions keep the file honest too.
 */
import { expect, expectTypeOf, it } from 'vitest';
import {
  SecureController,
  expose,
  secure,
  unlocked,
  type PecanRequest,
  type SecurityCheck,
} from '../../src/index.js';

class Sub {
  @expose() index() {
    return 'sub';
  }

  helper(): number {
    return 1;
  }
}

it('secure(controller, check) and unlocked(controller) return the controller, typed', () => {
  const sub = new Sub();
  const secured = secure(sub, () => true);
  expectTypeOf(secured).toEqualTypeOf<Sub>();
  expect(secured).toBe(sub);
  const open = unlocked(new Sub());
  expectTypeOf(open.helper).returns.toEqualTypeOf<number>();
});

it('checks take the request and may be async or named', () => {
  expectTypeOf<(request: PecanRequest) => Promise<boolean>>().toExtend<SecurityCheck>();
  expectTypeOf<'checkPermissions'>().toExtend<SecurityCheck>();
  class Controller extends SecureController {
    static override async checkPermissions(request: PecanRequest) {
      return request.method === 'GET';
    }

    @expose() @secure('checkPermissions') @unlocked index() {
      return 'ok';
    }
  }
  expect(new Controller()).toBeInstanceOf(SecureController);
});

it('securing an object needs a check', () => {
  // @ts-expect-error: secure(controller) without a check (Pecan: TypeError)
  expect(() => secure(new Sub())).toThrow(TypeError);
  // @ts-expect-error: a check is a function or a method name
  expect(() => secure(new Sub(), 42)).toThrow(TypeError);
});
