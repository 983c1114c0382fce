/**
 * The rules of a `_lookup` (§1.5), written once for object dispatch (fallbacks.ts) and for the
 * RestController (rest/rest-controller.ts): which segment counts it takes, which results mean
 * "no match", and the shape a match must have.
 */
import type { ControllerMeta } from '../controller/meta.js';
import { lookupShapeError } from '../core/pecan-errors.js';

/**
 * Pecan swallows the TypeError of an argument-count mismatch into "no match" (§1.5); JS raises
 * none, so the count is checked against the signature instead (and real errors propagate,
 * DESIGN §5.7). A signature that could not be read takes any count.
 */
export function acceptsSegments(meta: ControllerMeta, count: number): boolean {
  const signature = meta.signature;
  if (signature === null) return true;
  let required = 0;
  for (const param of signature.params) if (!param.hasDefault) required++;
  return count >= required && (signature.rest !== null || count <= signature.params.length);
}

/** §1.5: a `_lookup` result that means "no match" — nothing, `false` or an empty array. */
export function isMatch(result: unknown): boolean {
  return !(
    result === undefined ||
    result === null ||
    result === false ||
    (Array.isArray(result) && result.length === 0)
  );
}

/** Where a matching `_lookup` sends the walk: the next controller and the segments left. */
export interface LookupTarget {
  readonly node: unknown;
  readonly segments: string[];
}

/** §1.5: a match is `[controller, remainingSegments]`; anything else is the developer's error. */
export function lookupTarget(result: unknown, meta: ControllerMeta): LookupTarget {
  if (!Array.isArray(result) || result.length !== 2 || !Array.isArray(result[1])) {
    throw lookupShapeError(meta.label);
  }
  return { node: result[0], segments: (result[1] as unknown[]).map(String) };
}
