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
import type { DefinitionInput } from '../../domain/definition-input.js';
import { idFrom, validBody } from '../http-helpers.js';
import type { Services } from '../services.js';
import { definitionBody, idPath } from './schemas.js';

/** /v1/alarm-definitions: what raises alarms, and what is done when one is raised. */
export class AlarmDefinitionsController extends RestController {
  readonly #services: Services;

  constructor(services: Services) {
    super();
    this.#services = services;
  }

  @expose({ template: 'json', openapi: { summary: 'The alarm definitions' } })
  async getAll() {
    return { alarmDefinitions: await listDefinitions(query(this.#services.db)) };
  }

  @expose({ template: 'json', schema: { path: idPath }, openapi: { summary: 'One definition' } })
  async getOne(id: string) {
    return (await getDefinition(query(this.#services.db), idFrom(id))) ?? abort(404);
  }

  @expose({
    template: 'json',
    schema: { body: definitionBody },
    openapi: { summary: 'Define what raises an alarm', status: 201 },
  })
  async post() {
    const input = validBody<DefinitionInput>();
    const definition = await nameChecked(createDefinition(query(this.#services.db), input));
    response.status = 201;
    response.headers.set('Location', `/v1/alarm-definitions/${definition.id}`);
    return definition;
  }

  @expose({
    template: 'json',
    schema: { path: idPath, body: definitionBody },
    openapi: { summary: 'Replace a definition' },
  })
  async put(id: string) {
    const definitionId = idFrom(id);
    const input = validBody<DefinitionInput>();
    const q = query(this.#services.db);
    return (await nameChecked(replaceDefinition(q, definitionId, input))) ?? abort(404);
  }

  @expose({
    template: 'json',
    schema: { path: idPath },
    openapi: { summary: 'Delete a definition', status: 204 },
  })
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
