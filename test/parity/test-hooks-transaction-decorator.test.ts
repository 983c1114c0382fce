/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestTransactionHook, its two `@transactional`
 * tests (§5.5): test_transaction_hook_with_transactional_decorator and
 * test_transaction_hook_with_transactional_class_decorator. Python's escaping IndexError is our
 * opaque 500.
 */
import { it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expectCalls, recordingTransactionHook } from './fixtures/transaction-recorder.js';
import { expose, makeApp, redirect, transactional, when } from '../../src/index.js';

/** Python's `[][1]`. */
function indexError(): never {
  throw new RangeError('list index out of range');
}

const HELLO = 'Hello, World!';

describeAdapters('test_hooks.py TestTransactionHook', ({ client }) => {
  it('test_transaction_hook_with_transactional_decorator', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return HELLO;
      }
      @expose() redirect() {
        redirect('/');
      }
      @expose() @transactional() redirect_transactional() {
        redirect('/');
      }
      @expose() @transactional(false) redirect_rollback() {
        redirect('/');
      }
      @expose() error() {
        return indexError();
      }
      @expose() @transactional(false) error_rollback() {
        return indexError();
      }
      @expose() @transactional() error_transactional() {
        return indexError();
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [recordingTransactionHook(runHook)], logger: quiet }),
    );
    const roTx = ['start_ro', 'clear', 'start'];
    await expectCalls(app, runHook, ['get', '/'], 200, ['start_ro', 'inside', 'clear'], HELLO);
    // test hooks for /
    await expectCalls(
      app,
      runHook,
      ['post', '/'],
      200,
      ['start', 'inside', 'commit', 'clear'],
      HELLO,
    );
    // GET /redirect: this controller should always be non-transactional
    await expectCalls(app, runHook, ['get', '/redirect'], 302, ['start_ro', 'clear']);
    // POST /redirect: this controller should always be transactional, even in the case of
    // redirects
    await expectCalls(app, runHook, ['post', '/redirect'], 302, ['start', 'commit', 'clear']);
    // GET /redirect_transactional: this controller should always be transactional, even in
    // the case of redirects
    await expectCalls(app, runHook, ['get', '/redirect_transactional'], 302, [
      ...roTx,
      'commit',
      'clear',
    ]);
    // POST /redirect_transactional: likewise
    await expectCalls(app, runHook, ['post', '/redirect_transactional'], 302, [
      'start',
      'commit',
      'clear',
    ]);
    // GET /redirect_rollback: this controller should always be transactional, *except* in the
    // case of redirects
    await expectCalls(app, runHook, ['get', '/redirect_rollback'], 302, [
      ...roTx,
      'rollback',
      'clear',
    ]);
    // POST /redirect_rollback: likewise
    await expectCalls(app, runHook, ['post', '/redirect_rollback'], 302, [
      'start',
      'rollback',
      'clear',
    ]);
    // Exceptions (other than HTTPFound) should *always* rollback no matter what
    await expectCalls(app, runHook, ['post', '/error'], 500, ['start', 'rollback', 'clear']);
    await expectCalls(app, runHook, ['get', '/error'], 500, ['start_ro', 'clear']);
    await expectCalls(app, runHook, ['post', '/error_transactional'], 500, [
      'start',
      'rollback',
      'clear',
    ]);
    await expectCalls(app, runHook, ['get', '/error_transactional'], 500, [
      ...roTx,
      'rollback',
      'clear',
    ]);
    await expectCalls(app, runHook, ['post', '/error_rollback'], 500, [
      'start',
      'rollback',
      'clear',
    ]);
    await expectCalls(app, runHook, ['get', '/error_rollback'], 500, [
      ...roTx,
      'rollback',
      'clear',
    ]);
  });

  it('test_transaction_hook_with_transactional_class_decorator', async () => {
    const runHook: string[] = [];
    @transactional()
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return HELLO;
      }
      @expose() redirect() {
        redirect('/');
      }
      @expose() @transactional(false) redirect_rollback() {
        redirect('/');
      }
      @expose() error() {
        return indexError();
      }
      @expose({ generic: true }) generic() {}
      @when('generic', { method: 'GET' }) generic_get() {
        runHook.push('inside');
        return 'generic get';
      }
      @when('generic', { method: 'POST' }) generic_post() {
        runHook.push('inside');
        return 'generic post';
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [recordingTransactionHook(runHook)], logger: quiet }),
    );
    const roTx = ['start_ro', 'clear', 'start'];
    await expectCalls(
      app,
      runHook,
      ['get', '/'],
      200,
      [...roTx, 'inside', 'commit', 'clear'],
      HELLO,
    );
    // test hooks for /
    await expectCalls(
      app,
      runHook,
      ['post', '/'],
      200,
      ['start', 'inside', 'commit', 'clear'],
      HELLO,
    );
    // GET /redirect: this controller should always be transactional, even in the case of
    // redirects
    await expectCalls(app, runHook, ['get', '/redirect'], 302, [...roTx, 'commit', 'clear']);
    // POST /redirect: likewise
    await expectCalls(app, runHook, ['post', '/redirect'], 302, ['start', 'commit', 'clear']);
    // GET /redirect_rollback: this controller should always be transactional, *except* in the
    // case of redirects
    await expectCalls(app, runHook, ['get', '/redirect_rollback'], 302, [
      ...roTx,
      'rollback',
      'clear',
    ]);
    // POST /redirect_rollback: likewise
    await expectCalls(app, runHook, ['post', '/redirect_rollback'], 302, [
      'start',
      'rollback',
      'clear',
    ]);
    // Exceptions (other than HTTPFound) should *always* rollback no matter what
    await expectCalls(app, runHook, ['post', '/error'], 500, ['start', 'rollback', 'clear']);
    await expectCalls(app, runHook, ['get', '/error'], 500, [...roTx, 'rollback', 'clear']);
    // GET /generic: this controller should always be transactional
    await expectCalls(
      app,
      runHook,
      ['get', '/generic'],
      200,
      [...roTx, 'inside', 'commit', 'clear'],
      'generic get',
    );
    // POST /generic: likewise
    await expectCalls(
      app,
      runHook,
      ['post', '/generic'],
      200,
      ['start', 'inside', 'commit', 'clear'],
      'generic post',
    );
  });
});
