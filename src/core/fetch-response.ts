import { PecanResponse } from './response.js';

/** A Fetch `Response` returned by a controller, as the response to send (§7.8). */
export function fromFetchResponse(fetchResponse: Response): PecanResponse {
  const response = new PecanResponse(fetchResponse.body);
  response.status = fetchResponse.status;
  if (fetchResponse.statusText) response.statusText = fetchResponse.statusText;
  fetchResponse.headers.forEach((value, name) => {
    if (name !== 'set-cookie') response.headers.append(name, value);
  });
  for (const cookie of fetchResponse.headers.getSetCookie())
    response.headers.append('Set-Cookie', cookie);
  return response;
}
