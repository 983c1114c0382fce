/**
 * How controllers reach the running service: a hook puts it on each request's context (Pecan's
 * `request.context`), so controllers stay plain classes and tests can build several apps.
 */
import { PecanHook, request, type State } from 'pecan';
import { query } from '../../shared/transactions.js';
import type { Deployer } from '../deployer.js';
import type { Q } from '../domain/deployments.js';

const KEY = 'deployer';

export class DeployerHook extends PecanHook {
  constructor(private readonly deployer: Deployer) {
    super();
  }

  override onRoute(state: State): void {
    state.request.context[KEY] = this.deployer;
  }
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
