import { abort, expose, response, RestController } from 'pecan';
import { query } from '../../../shared/transactions.js';
import {
  createDefinition,
  deleteDefinition,
  getDefinition,
  listDefinitions,
  NameTaken,
  replaceDefinition,
} from '../../domain/alarm-definitions.js';
import { parseDefinitionInput } from '../../domain/definition-input.js';
import { idFrom, invalid, jsonBody } from '../http-helpers.js';
import type { Services } from '../services.js';

/** /v1/alarm-definitions: what raises alarms, and what is done when one is raised. */
export class AlarmDefinitionsController extends RestController {
  readonly #services: Services;

  constructor(services: Services) {
    super();
    this.#services = services;
  }

  @expose('json')
  async getAll() {
    return { alarmDefinitions: await listDefinitions(query(this.#services.db)) };
  }

  @expose('json')
  async getOne(id: string) {
    return (await getDefinition(query(this.#services.db), idFrom(id))) ?? abort(404);
  }

  @expose('json')
  async post() {
    const parsed = parseDefinitionInput(jsonBody());
    if (!parsed.ok) return invalid(parsed.errors);
    const definition = await nameChecked(createDefinition(query(this.#services.db), parsed.value));
    response.status = 201;
    response.headers.set('Location', `/v1/alarm-definitions/${definition.id}`);
    return definition;
  }

  @expose('json')
  async put(id: string) {
    const definitionId = idFrom(id);
    const parsed = parseDefinitionInput(jsonBody());
    if (!parsed.ok) return invalid(parsed.errors);
    const q = query(this.#services.db);
    return (await nameChecked(replaceDefinition(q, definitionId, parsed.value))) ?? abort(404);
  }

  @expose('json')
  async delete(id: string) {
    if (!(await deleteDefinition(query(this.#services.db), idFrom(id)))) abort(404);
  }
}

/** A taken name is a 409 Conflict that says which. */
async function nameChecked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NameTaken) abort(409, error.message);
    throw error;
  }
}
