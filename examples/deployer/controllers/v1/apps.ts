/** GET /v1/apps and /v1/apps/<id>: the catalogue. */
import { expose, RestController } from 'pecan';
import { APPS, describeApp, findApp } from '../../domain/catalogue.js';
import { NotFound } from '../../domain/errors.js';

export class AppsController extends RestController {
  @expose('json') getAll() {
    return { apps: APPS.map(describeApp) };
  }

  @expose('json') getOne(id: string) {
    const app = findApp(id);
    if (!app) throw new NotFound(`No app ${id}`);
    return describeApp(app);
  }
}
