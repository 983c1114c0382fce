import { PecanResponse } from './response.js';
import { errorFormat, renderErrorBody } from './error-body.js';
import type { HTTPError } from './errors.js';
import type { PecanRequest } from './request.js';

/**
 * An HTTP error as the response (§8.1): its status and headers, and a body in the format the
 * client prefers — plain text, HTML or JSON `{code, title, description}`.
 */
export function errorResponse(error: HTTPError, request: PecanRequest): PecanResponse {
  const { contentType, body } = renderErrorBody(error, errorFormat(request.headers.get('accept')));
  const response = new PecanResponse(body);
  response.status = error.status;
  for (const [name, value] of error.headers) response.headers.append(name, value);
  if (error.location !== undefined) response.headers.set('Location', error.location);
  if (!response.headers.has('content-type')) response.headers.set('Content-Type', contentType);
  return response;
}
