/**
 * How controllers reach the running service: a hook puts it on each request's context (Pecan's
 * `request.context`), so controllers stay plain classes and tests can build several apps.
 */
import { PecanHook, request, type State } from 'pecan';
import { query } from '../../shared/transactions.js';
import type { Deployer } from '../deployer.js';
import type { Q } from '../domain/deployments.js';

const KEY = 'deployer';
const API = 'deployer.api';

export class DeployerHook extends PecanHook {
  constructor(private readonly deployer: Deployer) {
    super();
  }

  override onRoute(state: State): void {
    const { context, path } = state.request;
    context[KEY] = this.deployer;
    // Set by the first pass only: an error page forwarded from /v1 answers in JSON too.
    context[API] ??= path === '/v1' || path.startsWith('/v1/');
  }
}

/** Whether the request (before any forward to an error page) was for the REST API. */
export function isApiRequest(): boolean {
  return request.context[API] === true;
}

export function deployer(): Deployer {
  return request.context[KEY] as Deployer;
}

/** The request's transaction when it writes, else the database. */
export function q(): Q {
  return query(deployer().db);
}

/** For `@afterCommit`: the lifecycle just committed is worked on and notified at once. */
export function wakeWorkers(): void {
  deployer().wake();
}
