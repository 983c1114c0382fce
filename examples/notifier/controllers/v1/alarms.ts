import { abort, expose, request, RestController } from 'pecan';
import { eventStream } from '../../../shared/sse.js';
import { query } from '../../../shared/transactions.js';
import { changeState, getAlarm, listAlarms } from '../../domain/alarms.js';
import type { StateInput } from '../../domain/state-input.js';
import type { AlarmFilters, Page } from '../../domain/alarms.js';
import { nextPageQuery } from '../alarm-query.js';
import { idFrom, validBody } from '../http-helpers.js';
import type { Services } from '../services.js';
import { alarmQuery, idPath, stateBody } from './schemas.js';

/**
 * /v1/alarms: the alarms raised, newest first, filtered and paged; one alarm with its history;
 * PUT to acknowledge or resolve it; /v1/alarms/events streams changes (server-sent events).
 */
export class AlarmsController extends RestController {
  customActions = { events: ['GET'] };
  readonly #services: Services;

  constructor(services: Services) {
    super();
    this.#services = services;
  }

  /** GET /v1/alarms?state=&severity=&deployment=&limit=&marker= */
  @expose({
    template: 'json',
    schema: { query: alarmQuery },
    openapi: { summary: 'The alarms, newest first' },
  })
  async getAll() {
    const { filters, page } = request.valid!.query as { filters: AlarmFilters; page: Page };
    const { alarms, nextMarker } = await listAlarms(query(this.#services.db), filters, page);
    const next =
      nextMarker === null ? null : `/v1/alarms?${nextPageQuery(filters, page, nextMarker)}`;
    return { alarms, next };
  }

  @expose({
    template: 'json',
    schema: { path: idPath },
    openapi: { summary: 'One alarm, with its history' },
  })
  async getOne(id: string) {
    return (await getAlarm(query(this.#services.db), idFrom(id))) ?? abort(404);
  }

  /** `{"state": "acknowledged"}` or `{"state": "ok"}`: 409 when the state machine says no. */
  @expose({
    template: 'json',
    schema: { path: idPath, body: stateBody },
    openapi: { summary: 'Acknowledge or resolve an alarm' },
  })
  async put(id: string) {
    const alarmId = idFrom(id);
    const { state, reason } = validBody<StateInput>();
    const result = await changeState(query(this.#services.db), alarmId, state, reason);
    if (result.ok) return result.alarm;
    return result.reason === 'not-found' ? abort(404) : abort(409, result.detail);
  }

  /**
   * GET /v1/alarms/events: an `alarm` event with the alarm's new view whenever anything happens
   * to it. The page sends `?since=<history id>` (or the browser Last-Event-ID) to miss nothing.
   */
  @expose({
    contentType: 'text/event-stream',
    openapi: { summary: 'Server-sent events: an `alarm` event whenever an alarm changes' },
  })
  getEvents() {
    const { db, feed, stopping } = this.#services;
    return eventStream(feed, {
      signal: stopping,
      async toEvent(row) {
        const alarm = await getAlarm(db, row.alarmId);
        if (alarm === null) return null;
        const { history: _history, ...view } = alarm;
        return { event: 'alarm', data: view };
      },
    });
  }
}
