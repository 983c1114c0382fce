/** /v1: the REST API, JSON in and out, errors included. */
import { expose, HookController } from 'pecan';
import { AppsController } from './apps.js';
import { DeploymentsController } from './deployments.js';
import { JsonErrors } from './json-errors.js';
import { readStats } from './stats.js';

export class V1Controller extends HookController {
  static override hooks = [new JsonErrors()];

  apps = new AppsController();
  deployments = new DeploymentsController();

  /** GET /v1/: what the API offers. */
  @expose('json') index() {
    return {
      version: 'v1',
      links: [
        { rel: 'apps', href: '/v1/apps' },
        { rel: 'deployments', href: '/v1/deployments' },
        { rel: 'events', href: '/v1/deployments/events' },
        { rel: 'stats', href: '/v1/stats' },
        // RFC 8631: the API's description (OpenAPI 3.1) and its documentation page.
        { rel: 'service-desc', href: '/openapi.json' },
        { rel: 'service-doc', href: '/docs' },
      ],
    };
  }

  /** GET /v1/stats: the outbox (notifications on their way) and deployments by status. */
  @expose('json') stats() {
    return readStats();
  }
}
