/**
 * /deployments: the GUI's forms, which work without JavaScript. A plain form POST creates;
 * `_method=put` and `_method=delete` (hidden fields, see docs/rest.md) scale and tear down.
 * Success answers 303 See Other (redirect-after-POST); invalid input re-renders the form with
 * 400 and each error next to its field.
 */
import { abort, afterCommit, expose, request, response, RestController } from 'pecan';
import { createDeployment, deleteDeployment, updateDeployment } from '../domain/deployments.js';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.js';
import { deployer, q, wakeWorkers } from './context.js';
import { dashboard, detail, type FormState } from './views.js';

/** The fields a form sent, as strings (a repeated field keeps its last value). */
function formValues(names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = request.form[name];
    const one = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof one === 'string') values[name] = one.trim();
  }
  return values;
}

/**
 * 303 to `location`, as a response of its own: `redirect()` would throw, and the
 * TransactionHook rolls back on a thrown 303 (Pecan ignores only 302s, §5.5).
 */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}

/** A domain refusal as the form's state and the status to answer with; other errors rethrown. */
function refused(error: unknown, values: Record<string, string>): [number, FormState] {
  if (error instanceof InvalidInput) return [400, { values, errors: error.errors }];
  if (error instanceof Conflict)
    return [
      409,
      {
        values,
        errors: error.field ? { [error.field]: error.message } : {},
        message: error.message,
      },
    ];
  if (error instanceof NotFound) abort(404, error.message);
  throw error;
}

export class DeploymentPagesController extends RestController {
  @expose('index.html') getAll() {
    return dashboard();
  }

  @expose('deployment.html') async getOne(id: string) {
    try {
      return await detail(id);
    } catch (error) {
      if (error instanceof NotFound) abort(404, error.message);
      throw error;
    }
  }

  @expose('index.html')
  @afterCommit(wakeWorkers)
  async post() {
    const values = formValues(['app', 'name', 'size', 'count', 'region']);
    const { settings, context } = deployer();
    try {
      const deployment = await createDeployment(q(), values, settings, context);
      return seeOther(`/deployments/${deployment.id}`);
    } catch (error) {
      const [status, form] = refused(error, values);
      response.status = status;
      return dashboard(form);
    }
  }

  @expose('deployment.html')
  @afterCommit(wakeWorkers)
  async put(id: string) {
    const values = formValues(['name', 'size', 'count']);
    try {
      await updateDeployment(q(), id, values, deployer().context);
      return seeOther(`/deployments/${id}`);
    } catch (error) {
      const [status, form] = refused(error, values);
      response.status = status;
      return detail(id, form);
    }
  }

  @expose('deployment.html')
  @afterCommit(wakeWorkers)
  async delete(id: string) {
    try {
      await deleteDeployment(q(), id, deployer().context);
      return seeOther(`/deployments/${id}`);
    } catch (error) {
      const [status, form] = refused(error, {});
      response.status = status;
      return detail(id, form);
    }
  }
}
