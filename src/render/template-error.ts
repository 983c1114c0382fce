/** Where a template failed, as far as its engine tells. */
export interface TemplateErrorDetails {
  /** The renderer's name, e.g. `eta` or `nunjucks`. */
  engine: string;
  /** The template name the controller asked for. */
  template: string;
  /** The file that failed (absolute path), when known: may be a layout or partial. */
  file?: string | undefined;
  /** 1-based line of the failure in `file`, when known. */
  line?: number | undefined;
  column?: number | undefined;
  /** The text of `file`, for the debug page's excerpt. */
  source?: string | undefined;
  /** The engine's own message, without its location prefix. */
  reason: string;
  /** The engine's error. */
  cause?: unknown;
}

/**
 * A template that could not be compiled or rendered (§10 "template errors"). The built-in
 * adapters translate their engine's errors into this; custom renderers may throw it too. It is a
 * 500 like any error; in debug mode the error page shows the file, line and an excerpt.
 */
export class TemplateError extends Error {
  readonly engine: string;
  readonly template: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly source: string | undefined;
  readonly reason: string;

  constructor(details: TemplateErrorDetails) {
    const where = details.file ?? details.template;
    const at = details.line === undefined ? '' : `:${details.line}`;
    super(`${details.engine} template ${where}${at}: ${details.reason}`, {
      cause: details.cause,
    });
    this.name = 'TemplateError';
    this.engine = details.engine;
    this.template = details.template;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.source = details.source;
    this.reason = details.reason;
  }
}

/** The innermost `TemplateError` in an error's cause chain (nested partials wrap each other). */
export function findTemplateError(error: unknown): TemplateError | undefined {
  let found: TemplateError | undefined;
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current);) {
    seen.add(current);
    if (current instanceof TemplateError) found = current;
    current = current.cause;
  }
  return found;
}
