/** What the domain refuses, for the controllers to translate into HTTP statuses. */
import type { FieldErrors } from './validation.js';

/** The input is invalid: every field that is wrong, with a message for a person. (400) */
export class InvalidInput extends Error {
  override name = 'InvalidInput';
  constructor(readonly errors: FieldErrors) {
    super(`Invalid ${Object.keys(errors).join(', ')}`);
  }
}

/** No such deployment. (404) */
export class NotFound extends Error {
  override name = 'NotFound';
}

/** The request conflicts with the deployment's state or another deployment. (409) */
export class Conflict extends Error {
  override name = 'Conflict';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
