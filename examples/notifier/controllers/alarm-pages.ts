import { abort, expose, request, RestController } from 'pecan';
import { query } from '../../shared/transactions.js';
import { changeState, getAlarm } from '../domain/alarms.js';
import { parseStateInput } from '../domain/state-input.js';
import { idFrom, seeOther } from './http-helpers.js';
import type { Services } from './services.js';

/**
 * /alarms/<id>: an alarm's page with its history. Its buttons are plain forms — POST with
 * `_method=PUT` (pecan reads it as a PUT) — that work without JavaScript and answer 303 back
 * to the page they were on.
 */
export class AlarmPagesController extends RestController {
  readonly #services: Services;

  constructor(services: Services) {
    super();
    this.#services = services;
  }

  @expose('alarm.html')
  async getOne(id: string) {
    const alarm = (await getAlarm(this.#services.db, idFrom(id))) ?? abort(404);
    return { title: `Alarm ${alarm.id}`, alarm, back: `/alarms/${alarm.id}` };
  }

  /** The form's fields: `state` (acknowledged or ok), optional `reason`, and `back`. */
  @expose()
  async put(id: string) {
    const alarmId = idFrom(id);
    const { state, reason, back } = request.form;
    const parsed = parseStateInput({ state, ...(reason ? { reason } : {}) });
    if (!parsed.ok) abort(400, `state must be acknowledged or ok`);
    const { value } = parsed;
    const result = await changeState(query(this.#services.db), alarmId, value.state, value.reason);
    if (!result.ok) return result.reason === 'not-found' ? abort(404) : abort(409, result.detail);
    return seeOther(localPath(back) ?? `/alarms/${alarmId}`);
  }
}

/** Only a path on this site is a place to go back to: never another host (`//evil.example`). */
function localPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : null;
}
