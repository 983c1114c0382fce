/** /v1: the REST API, JSON in and out, errors included. */
import { expose, HookController } from 'pecan';
import { apiIndex } from '../../../shared/openapi.js';
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
    return apiIndex([
      { rel: 'apps', href: '/v1/apps' },
      { rel: 'deployments', href: '/v1/deployments' },
      { rel: 'events', href: '/v1/deployments/events' },
      { rel: 'stats', href: '/v1/stats' },
    ]);
  }

  /** GET /v1/stats: the outbox (notifications on their way) and deployments by status. */
  @expose('json') stats() {
    return readStats();
  }
}
