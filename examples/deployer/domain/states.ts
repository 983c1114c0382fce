/**
 * A deployment's status, named as Heat names a stack's: `<ACTION>_<STATE>`. The action is the
 * lifecycle (create, update, delete); the state says whether it is still running or how it ended.
 */
export const ACTIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
export const STATES = ['IN_PROGRESS', 'COMPLETE', 'FAILED'] as const;

export type Action = (typeof ACTIONS)[number];
export type State = (typeof STATES)[number];
export type Status = `${Action}_${State}`;

export const STATUSES: readonly Status[] = ACTIONS.flatMap((action) =>
  STATES.map((state): Status => `${action}_${state}`),
);

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function statusOf(action: Action, state: State): Status {
  return `${action}_${state}`;
}

export function actionOf(status: Status): Action {
  return status.slice(0, status.indexOf('_')) as Action;
}

export function stateOf(status: Status): State {
  return status.slice(status.indexOf('_') + 1) as State;
}

export function isInProgress(status: Status): boolean {
  return stateOf(status) === 'IN_PROGRESS';
}

/**
 * Why a new lifecycle may not start now, or null when it may. A lifecycle in progress must end
 * first (Heat answers 409 too); a deleted deployment is gone for good. A failed update or
 * delete may be retried, as in Heat.
 */
export function conflictFor(status: Status, next: 'UPDATE' | 'DELETE'): string | null {
  if (isInProgress(status)) return `the deployment is ${status}; wait until it ends`;
  if (status === 'DELETE_COMPLETE') return 'the deployment is deleted';
  if (next === 'UPDATE' && status === 'DELETE_FAILED')
    return 'a deployment whose delete failed can only be deleted again';
  return null;
}

/** The notification priority of a status: OpenStack sends `.error` events as ERROR. */
export function isFailure(status: Status): boolean {
  return stateOf(status) === 'FAILED';
}
