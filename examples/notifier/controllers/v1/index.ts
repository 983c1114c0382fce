import { expose } from 'pecan';
import { apiIndex } from '../../../shared/openapi.js';
import { outboxStats } from '../../../shared/outbox.js';
import { readStats } from '../../domain/counters.js';
import type { Services } from '../services.js';
import { AlarmDefinitionsController } from './alarm-definitions.js';
import { AlarmsController } from './alarms.js';
import { NotificationsController } from './notifications.js';

/** /v1: the REST API (JSON). */
export class V1Controller {
  readonly notifications: NotificationsController;
  readonly alarms: AlarmsController;
  // A dash is not an identifier character, but a quoted field name is a path segment all the
  // same (route() would attach it to the class, shared by every app built in one process).
  readonly 'alarm-definitions': AlarmDefinitionsController;
  readonly #services: Services;

  constructor(services: Services) {
    this.#services = services;
    this.notifications = new NotificationsController(services);
    this.alarms = new AlarmsController(services);
    this['alarm-definitions'] = new AlarmDefinitionsController(services);
  }

  /** GET /v1/: what the API offers. */
  @expose('json') index() {
    return apiIndex([
      { rel: 'notifications', href: '/v1/notifications' },
      { rel: 'alarms', href: '/v1/alarms' },
      { rel: 'events', href: '/v1/alarms/events' },
      { rel: 'alarm-definitions', href: '/v1/alarm-definitions' },
      { rel: 'stats', href: '/v1/stats' },
    ]);
  }

  /**
   * GET /v1/stats: what this notifier processed, from counters kept in the same transactions
   * as the work (exact across restarts and processes), and the deliveries still queued.
   */
  @expose('json')
  async stats() {
    const { db } = this.#services;
    const outbox = await outboxStats(db);
    return { ...(await readStats(db)), deliveriesPending: outbox.pending };
  }
}
