/**
 * Event-type patterns of alarm definitions, matched the way OpenStack Aodh's event alarms match
 * `event_type` (Python's fnmatch): `*` stands for any run of characters, **dots included**, and
 * may be empty. So `deployment.*.error` matches `deployment.create.error` and also
 * `deployment.stack.update.error`; `deployment.*` matches every deployment event; `*` matches
 * everything. Any other character matches itself, case-sensitively, and the pattern must match
 * the whole event type. (fnmatch's `?` and `[…]` are not supported: event types are dotted
 * words, and a pattern holds only what one may contain.)
 */

/** Letters, digits, `_`, `-`, `.` — what an event type is made of — and `*`. */
const PATTERN_SYNTAX = /^[A-Za-z0-9_.*-]+$/;
export const MAX_PATTERN_LENGTH = 255;

/** Why `pattern` is not a valid event-type pattern, or `null` when it is. */
export function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern === '') return 'must be a non-empty string';
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  if (!PATTERN_SYNTAX.test(pattern))
    return 'may contain only letters, digits, "_", "-", "." and the wildcard "*"';
  return null;
}

// Definitions are few, but edits leave old patterns behind: the cache is bounded.
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1000;

/** Whether `eventType` matches `pattern` (see above). Patterns are compiled once. */
export function matchesEventType(pattern: string, eventType: string): boolean {
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    const source = pattern.split('*').map(escapeRegExp).join('.*');
    regexp = new RegExp(`^${source}$`, 's');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regexp);
  }
  return regexp.test(eventType);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
