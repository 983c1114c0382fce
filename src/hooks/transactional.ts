import { getMeta } from '../controller/meta.js';
import { afterActionError } from '../core/pecan-errors.js';

/** A callable run after a commit or a rollback (`@afterCommit(fn)` / `@afterRollback(fn)`). */
export type AfterAction = () => unknown;

/** What the transaction decorators record about one controller function (§5.5). */
export interface TransactionMarks {
  /** `@transactional()`: wrap the request in a transaction whatever its method. */
  transactional: boolean;
  /** Whether a 302 redirect still commits; unset means "by method" (§5.5 `on_error`). */
  ignoreRedirects: boolean | undefined;
  afterCommit: AfterAction[];
  afterRollback: AfterAction[];
}

const marks = new WeakMap<Function, TransactionMarks>();

/** The transaction marks of a controller function, if any decorator set one. */
export function transactionMarks(fn: unknown): TransactionMarks | undefined {
  return typeof fn === 'function' ? marks.get(fn) : undefined;
}

function ensureMarks(fn: Function): TransactionMarks {
  let found = marks.get(fn);
  if (found === undefined) {
    found = {
      transactional: false,
      ignoreRedirects: undefined,
      afterCommit: [],
      afterRollback: [],
    };
    marks.set(fn, found);
  }
  return found;
}

type Decorator = <T extends Function>(
  target: T,
  context?: ClassDecoratorContext | ClassMethodDecoratorContext,
) => T;

/**
 * `@transactional(ignoreRedirects = true)` (§5.5): a `TransactionHook` wraps this controller's
 * requests in a transaction even for GET and HEAD. On a class it marks every exposed method —
 * inherited ones and generic `@when` handlers included — keeping a method's own setting.
 * As a plain call: `transactional()(fn)` or `transactional()(Class)`.
 */
export function transactional(ignoreRedirects = true): Decorator {
  return <T extends Function>(
    target: T,
    context?: ClassDecoratorContext | ClassMethodDecoratorContext,
  ): T => {
    const isClass =
      context !== undefined && typeof context === 'object'
        ? context.kind === 'class'
        : Function.prototype.toString.call(target).startsWith('class');
    if (!isClass) {
      const own = ensureMarks(target);
      own.transactional = true;
      own.ignoreRedirects = ignoreRedirects;
      return target;
    }
    for (const fn of exposedMethods(target)) {
      const own = ensureMarks(fn);
      own.transactional = true;
      own.ignoreRedirects ??= ignoreRedirects;
    }
    return target;
  };
}

/** Every exposed function of a class and its bases (Pecan walks `getmembers(cls)`). */
function exposedMethods(cls: Function): Set<Function> {
  const found = new Set<Function>();
  for (
    let level: object | null = cls.prototype as object;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor') continue;
      const value: unknown = Object.getOwnPropertyDescriptor(level, key)?.value;
      if (getMeta(value) !== undefined) found.add(value as Function);
    }
  }
  return found;
}

function afterAction(kind: 'afterCommit' | 'afterRollback', action: AfterAction): Decorator {
  if (typeof action !== 'function') throw afterActionError(kind);
  return <T extends Function>(target: T): T => {
    ensureMarks(target)[kind].push(action);
    return target;
  };
}

/** `@afterCommit(fn)` (§5.5): run `fn` after this controller's transaction commits. */
export function afterCommit(action: AfterAction): Decorator {
  return afterAction('afterCommit', action);
}

/** `@afterRollback(fn)` (§5.5): run `fn` after this controller's transaction rolls back. */
export function afterRollback(action: AfterAction): Decorator {
  return afterAction('afterRollback', action);
}
