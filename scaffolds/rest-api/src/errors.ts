import { HTTPError, PecanHook, type State } from 'pecan';

/**
 * Answers every HTTP error (404, 405, …) with a JSON body: `{"reason": "Not Found"}`.
 * Redirects (3xx) are left to pecan, so they keep their `Location`.
 */
export class JSONErrorHook extends PecanHook {
  override onError(_state: State, error: unknown) {
    if (!(error instanceof HTTPError) || error.status < 400) return;
    const headers = new Headers(error.headers);
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify({ reason: error.detail || error.title }), {
      status: error.status,
      headers,
    });
  }
}
