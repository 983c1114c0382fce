/** GET /v1/apps and /v1/apps/<id>: the catalogue. */
import { z } from 'zod';
import { expose, RestController } from 'pecan';
import { APPS, describeApp, findApp } from '../../domain/catalogue.js';
import { NotFound } from '../../domain/errors.js';
import { deployer } from '../context.js';

const appId = { path: z.object({ id: z.string().describe('An app id, e.g. `wordpress`.') }) };

export class AppsController extends RestController {
  @expose({ template: 'json', openapi: { summary: 'The apps that can be deployed' } })
  getAll() {
    const { templates } = deployer();
    return { templateSet: templates.kind, apps: APPS.map((app) => describeApp(app, templates)) };
  }

  @expose({ template: 'json', schema: appId, openapi: { summary: 'One app and its template' } })
  getOne(id: string) {
    const app = findApp(id);
    if (!app) throw new NotFound(`No app ${id}`);
    return describeApp(app, deployer().templates);
  }
}
