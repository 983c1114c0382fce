/** The GUI's pages, the REST API under /v1, and the error page. */
import { STATUS_CODES } from 'node:http';
import { expose, request } from 'pecan';
import { deployer, isApiRequest } from './context.js';
import { problemBody, problemOf } from './v1/json-errors.js';
import { DeploymentPagesController } from './pages.js';
import { V1Controller } from './v1/index.js';
import { dashboard } from './views.js';

/** What an error status means, for the error page. */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not understand the request.',
  404: 'The page you asked for could not be found.',
  405: 'This page does not answer that request method.',
  500: 'Something went wrong on the server.',
};

export class RootController {
  v1 = new V1Controller();
  deployments = new DeploymentPagesController();

  /** The dashboard: the catalogue, the deploy form and the live list of deployments. */
  @expose('index.html') index() {
    return dashboard();
  }

  /** The error document (app.errors in the config). */
  @expose('error.html') async error(status: string) {
    const code = Number.parseInt(status, 10) || 500;
    const original = request.pecan.originalError as { detail?: string } | undefined;
    // The API's clients read JSON, whatever page the browser-facing site shows.
    if (isApiRequest())
      return (await problemOf()) ?? Response.json(problemBody(code, original?.detail ?? ''));
    return {
      title: `Error ${code}`,
      status: code,
      reason: STATUS_CODES[code] ?? 'Error',
      message: original?.detail ?? EXPLANATIONS[code] ?? '',
      notifierUrl: deployer().settings.notifierUrl.replace(/\/$/, ''),
    };
  }
}
