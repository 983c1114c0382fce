import { PecanHook } from './pecan-hook.js';
import { transactionMarks, type AfterAction } from './transactional.js';
import { HTTPError } from '../core/errors.js';
import { isPromise } from '../core/is-promise.js';
import type { PecanRequest } from '../core/request.js';
import type { State } from '../app/state.js';
import { transactionCallbackError } from '../core/pecan-errors.js';

/** One of the five callbacks a `TransactionHook` is built from; it may be async. */
export type TransactionCallback = () => unknown;

/** Pecan keeps these as `request.transactional` / `request.error`; here they live beside it. */
interface Flags {
  transactional: boolean;
  error: boolean;
}

/**
 * Wraps requests in database transactions (§5.5): `start()` for requests that write (any
 * method but GET and HEAD, or a `@transactional()` controller), `startRo()` for the others;
 * `commit()` on success, `rollback()` on an error (a 302 redirect counts as success unless the
 * redirects are not ignored), then the controller's `@afterCommit`/`@afterRollback` actions,
 * and `clear()` at the end of every request. Each callback may return a promise.
 */
export class TransactionHook extends PecanHook {
  private readonly flags = new WeakMap<PecanRequest, Flags>();

  constructor(
    readonly start: TransactionCallback,
    readonly startRo: TransactionCallback,
    readonly commit: TransactionCallback,
    readonly rollback: TransactionCallback,
    readonly clear: TransactionCallback,
  ) {
    super();
    for (const [name, callback] of Object.entries({ start, startRo, commit, rollback, clear })) {
      if (typeof callback !== 'function') throw transactionCallbackError(name);
    }
  }

  /**
   * Whether the request runs in a (writable) transaction: its method is not GET or HEAD, or its
   * controller is `@transactional()`. Override it for other rules.
   */
  isTransactional(state: State): boolean {
    if (transactionMarks(state.controller)?.transactional) return true;
    const method = state.request.method;
    return method !== 'GET' && method !== 'HEAD';
  }

  override onRoute(state: State): void | Promise<void> {
    const flags = this.flagsOf(state.request);
    flags.error = false;
    // §5.5: no controller is known yet, so this decides by method.
    flags.transactional = this.isTransactional(state);
    return void0(flags.transactional ? this.start() : this.startRo());
  }

  override before(state: State): void | Promise<void> {
    const flags = this.flagsOf(state.request);
    // §5.5: a @transactional() controller reached by GET/HEAD leaves the read-only session.
    if (flags.transactional || !this.isTransactional(state)) return;
    flags.transactional = true;
    return sequence([this.clear, this.start]);
  }

  override onError(state: State, error: unknown): void {
    // §5.5: a 302 redirect is not an error when redirects are ignored — by default for the
    // methods that write; `@transactional({ ignoreRedirects })` decides for its controller.
    const method = state.request.method;
    const ignoreRedirects =
      transactionMarks(state.controller)?.ignoreRedirects ??
      (method !== 'GET' && method !== 'HEAD');
    if (error instanceof HTTPError && error.status === 302 && ignoreRedirects) return;
    this.flagsOf(state.request).error = true;
  }

  override after(state: State): void | Promise<void> {
    const flags = this.flags.get(state.request);
    const steps: TransactionCallback[] = [];
    if (flags?.transactional) {
      const marks = transactionMarks(state.controller);
      if (flags.error) steps.push(this.rollback, ...(marks?.afterRollback ?? NONE));
      else steps.push(this.commit, ...(marks?.afterCommit ?? NONE));
    }
    // §5.5: clear() always runs, even when a commit or an action fails.
    return sequence(steps, this.clear);
  }

  private flagsOf(request: PecanRequest): Flags {
    let flags = this.flags.get(request);
    if (flags === undefined) {
      flags = { transactional: false, error: false };
      this.flags.set(request, flags);
    }
    return flags;
  }
}

const NONE: readonly AfterAction[] = [];

function void0(result: unknown): void | Promise<void> {
  if (isPromise(result)) return result.then(() => undefined);
}

/**
 * Calls `steps` one after another, awaiting only what returns a promise (a synchronous chain
 * stays synchronous), then `last` whatever happened — like `try { …steps } finally { last() }`.
 */
function sequence(
  steps: readonly TransactionCallback[],
  last?: TransactionCallback,
  from = 0,
): void | Promise<void> {
  let i = from;
  try {
    for (; i < steps.length; i++) {
      const result = steps[i]!();
      if (isPromise(result)) {
        const rest = (): void | Promise<void> => sequence(steps, last, i + 1);
        return result.then(rest, (error: unknown) => finish(last, error));
      }
    }
  } catch (error) {
    return finish(last, error);
  }
  return last === undefined ? undefined : void0(last());
}

/** Runs `last` after a failed step, then rethrows the step's error. */
function finish(last: TransactionCallback | undefined, error: unknown): void | Promise<void> {
  if (last === undefined) throw error;
  const result = last();
  if (isPromise(result))
    return result.then(() => {
      throw error;
    });
  throw error;
}
