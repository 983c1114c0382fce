import { abort, expose, request, RestController } from 'pecan';
import { eventStream } from '../../../shared/sse.js';
import { query } from '../../../shared/transactions.js';
import { changeState, getAlarm, listAlarms } from '../../domain/alarms.js';
import { parseStateInput } from '../../domain/state-input.js';
import { nextPageQuery, parseAlarmQuery } from '../alarm-query.js';
import { idFrom, invalid, jsonBody } from '../http-helpers.js';
import type { Services } from '../services.js';

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
  @expose('json')
  async getAll() {
    const parsed = parseAlarmQuery(request.query);
    if (!parsed.ok) return invalid(parsed.errors);
    const { filters, page } = parsed;
    const { alarms, nextMarker } = await listAlarms(query(this.#services.db), filters, page);
    const next =
      nextMarker === null ? null : `/v1/alarms?${nextPageQuery(filters, page, nextMarker)}`;
    return { alarms, next };
  }

  @expose('json')
  async getOne(id: string) {
    return (await getAlarm(query(this.#services.db), idFrom(id))) ?? abort(404);
  }

  /** `{"state": "acknowledged"}` or `{"state": "ok"}`: 409 when the state machine says no. */
  @expose('json')
  async put(id: string) {
    const alarmId = idFrom(id);
    const parsed = parseStateInput(jsonBody());
    if (!parsed.ok) return invalid(parsed.errors);
    const { state, reason } = parsed.value;
    const result = await changeState(query(this.#services.db), alarmId, state, reason);
    if (result.ok) return result.alarm;
    return result.reason === 'not-found' ? abort(404) : abort(409, result.detail);
  }

  /**
   * GET /v1/alarms/events: an `alarm` event with the alarm's new view whenever anything happens
   * to it. The page sends `?since=<history id>` (or the browser Last-Event-ID) to miss nothing.
   */
  @expose({ contentType: 'text/event-stream' })
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
