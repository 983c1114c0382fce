/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestTransactionHook (§5.5):
 * test_transaction_hook, test_transaction_hook_with_after_actions and
 * test_transaction_hook_with_broken_hook. The two `@transactional` tests are in
 * test-hooks-transaction-decorator.test.ts. Python's escaping IndexError is our opaque 500.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expectCalls, recordingTransactionHook } from './fixtures/transaction-recorder.js';
import { quiet } from '../support/logger.js';
import {
  abort,
  afterCommit,
  afterRollback,
  expose,
  makeApp,
  PecanHook,
  redirect,
  transactional,
} from '../../src/index.js';

/** Python's `[][1]`. */
function indexError(): never {
  throw new RangeError('list index out of range');
}

describeAdapters('test_hooks.py TestTransactionHook', ({ client }) => {
  it('test_transaction_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
      @expose() redirect() {
        redirect('/');
      }
      @expose() error() {
        return indexError();
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [recordingTransactionHook(runHook)], logger: quiet }),
    );
    const hello = 'Hello, World!';
    await expectCalls(app, runHook, ['get', '/'], 200, ['start_ro', 'inside', 'clear'], hello);
    await expectCalls(
      app,
      runHook,
      ['post', '/'],
      200,
      ['start', 'inside', 'commit', 'clear'],
      hello,
    );
    // test hooks for GET /redirect: this controller should always be non-transactional
    await expectCalls(app, runHook, ['get', '/redirect'], 302, ['start_ro', 'clear']);
    // test hooks for POST /redirect: this controller should always be transactional, even in
    // the case of redirects
    await expectCalls(app, runHook, ['post', '/redirect'], 302, ['start', 'commit', 'clear']);
    await expectCalls(app, runHook, ['post', '/error'], 500, ['start', 'rollback', 'clear']);
  });

  it('test_transaction_hook_with_after_actions', async () => {
    const runHook: string[] = [];
    const action = (name: string) => () => {
      runHook.push(name);
    };
    class RootController {
      @expose()
      @afterCommit(action('action-one'))
      index() {
        runHook.push('inside');
        return 'Index Method!';
      }

      @expose()
      @transactional()
      @afterCommit(action('action-two'))
      decorated() {
        runHook.push('inside');
        return 'Decorated Method!';
      }

      @expose()
      @afterRollback(action('action-three'))
      rollback() {
        abort(500);
      }

      @expose()
      @transactional()
      @afterRollback(action('action-four'))
      rollback_decorated() {
        abort(500);
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [recordingTransactionHook(runHook)] }),
    );
    await expectCalls(
      app,
      runHook,
      ['get', '/'],
      200,
      ['start_ro', 'inside', 'clear'],
      'Index Method!',
    );
    await expectCalls(
      app,
      runHook,
      ['post', '/'],
      200,
      ['start', 'inside', 'commit', 'action-one', 'clear'],
      'Index Method!',
    );
    await expectCalls(
      app,
      runHook,
      ['get', '/decorated'],
      200,
      ['start_ro', 'clear', 'start', 'inside', 'commit', 'action-two', 'clear'],
      'Decorated Method!',
    );
    await expectCalls(app, runHook, ['get', '/rollback'], 500, ['start_ro', 'clear']);
    await expectCalls(app, runHook, ['post', '/rollback'], 500, [
      'start',
      'rollback',
      'action-three',
      'clear',
    ]);
    await expectCalls(app, runHook, ['get', '/rollback_decorated'], 500, [
      'start_ro',
      'clear',
      'start',
      'rollback',
      'action-four',
      'clear',
    ]);
    await expectCalls(app, runHook, ['get', '/fourohfour'], 404, ['start_ro', 'clear']);
  });

  it('test_transaction_hook_with_broken_hook', async () => {
    // In a scenario where a preceding hook throws an exception, ensure that TransactionHook
    // still rolls back properly.
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        return 'Hello, World!';
      }
    }
    class MyCustomException extends Error {}
    class MyHook extends PecanHook {
      override onRoute() {
        throw new MyCustomException('BROKEN!');
      }
    }
    const errors: unknown[] = [];
    const logger = { ...quiet, error: (_message: string, error: unknown) => errors.push(error) };
    const app = await client(
      makeApp(new RootController(), {
        hooks: [new MyHook(), recordingTransactionHook(runHook)],
        logger,
      }),
    );
    // Pecan: assertRaises(MyCustomException, app.get, '/'); here: a 500 logging that error.
    await expectCalls(app, runHook, ['get', '/'], 500, ['clear']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(MyCustomException);
  });
});
