import { STATUS_CODES } from 'node:http';
import { abort, expose, request } from 'pecan';
import { listDefinitions } from '../domain/alarm-definitions.js';
import { listAlarms } from '../domain/alarms.js';
import { ALARM_STATES } from '../domain/alarm-states.js';
import type { AlarmView } from '../domain/alarm-view.js';
import { historyFeedSource } from '../domain/history-feed.js';
import { SEVERITIES } from '../domain/severities.js';
import { AlarmPagesController } from './alarm-pages.js';
import { isApiRequest, problem } from './api-errors.js';
import { nextPageQuery, parseAlarmQuery } from './alarm-query.js';
import type { Services } from './services.js';
import { V1Controller } from './v1/index.js';

/** What an error status means, for the error page. */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not understand the request.',
  404: 'The page you asked for could not be found.',
  405: 'This page does not answer that request method.',
  409: 'That change does not fit the current state.',
  500: 'Something went wrong on the server.',
};

/** The row the live page clones for alarms that arrive later (templates/alarm-row.html). */
const BLANK_ALARM: AlarmView = {
  id: 0,
  state: 'alarm',
  severity: 'low',
  definition: { id: null, name: '' },
  deployment: { id: '', name: '', statusReason: null },
  stack: { id: '', name: '', statusReason: null },
  notification: { messageId: '', eventType: '', timestamp: '', publisherId: '' },
  createdAt: '',
  updatedAt: '',
};

/** The web pages (HTML); the REST API lives under /v1. */
export class RootController {
  readonly v1: V1Controller;
  /** /alarms/<id>: an alarm's page, and the target of its acknowledge form. */
  readonly alarms: AlarmPagesController;
  readonly #services: Services;

  constructor(services: Services) {
    this.#services = services;
    this.v1 = new V1Controller(services);
    this.alarms = new AlarmPagesController(services);
  }

  /** GET /: the alarms, kept up to date live (public/js/alarms.js). */
  @expose('index.html')
  async index() {
    const { db } = this.#services;
    const parsed = parseAlarmQuery(request.query);
    if (!parsed.ok)
      abort(
        400,
        Object.entries(parsed.errors)
          .map(([field, message]) => `${field} ${message}`)
          .join('; '),
      );
    const { filters, page } = parsed;
    // Read before the list: the live stream resumes from here, so nothing falls in between.
    const since = await historyFeedSource(db).latestId();
    const { alarms, nextMarker } = await listAlarms(db, filters, page);
    return {
      title: 'Alarms',
      alarms,
      filters,
      since,
      states: ALARM_STATES,
      severities: SEVERITIES,
      back: request.path + (request.queryString ? `?${request.queryString}` : ''),
      next: nextMarker === null ? null : `/?${nextPageQuery(filters, page, nextMarker)}`,
      blankAlarm: BLANK_ALARM,
    };
  }

  /** GET /definitions: what raises alarms. */
  @expose('definitions.html')
  async definitions() {
    return { title: 'Alarm definitions', definitions: await listDefinitions(this.#services.db) };
  }

  /** The error document for 404s (app.errors in the config); JSON for the API's clients. */
  @expose('error.html')
  error(status: string) {
    const code = Number.parseInt(status, 10) || 500;
    if (isApiRequest()) return Response.json(problem(code, request.pecan.originalError?.detail));
    return {
      title: `Error ${code}`,
      status: code,
      reason: STATUS_CODES[code] ?? 'Error',
      message: EXPLANATIONS[code] ?? '',
    };
  }
}
