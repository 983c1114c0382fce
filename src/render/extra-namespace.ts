import { templateNamespaceError } from '../core/pecan-errors.js';
/**
 * Variables every template sees (Pecan's `extra_template_vars` / `ExtraNamespace`, §10). They sit
 * underneath the controller's namespace: a key the controller returns wins.
 */
export class ExtraNamespace {
  private readonly vars: Record<string, unknown>;
  private empty: boolean;

  constructor(extras: Record<string, unknown> = {}) {
    this.vars = { ...extras };
    this.empty = Object.keys(this.vars).length === 0;
  }

  /** Adds or replaces extra variables. */
  update(vars: Record<string, unknown>): void {
    Object.assign(this.vars, vars);
    this.empty = Object.keys(this.vars).length === 0;
  }

  /**
   * The namespace a template renders with: the extras merged under `namespace`. Templates need
   * an object (§10: a string or nothing is a server error, as in Pecan).
   */
  makeNamespace(namespace: unknown): Record<string, unknown> {
    if (typeof namespace !== 'object' || namespace === null || Array.isArray(namespace)) {
      throw templateNamespaceError(describe(namespace));
    }
    if (this.empty) return namespace as Record<string, unknown>;
    return { ...this.vars, ...namespace };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return value === undefined ? 'nothing' : `a ${typeof value}`;
}
