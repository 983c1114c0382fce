/**
 * /v1/deployments: the REST resource. Each method translates HTTP into one domain call; the
 * writes run in the request's transaction (TransactionHook) and `@afterCommit` wakes the
 * workers that carry the lifecycle out. Errors become JSON through the JsonErrors hook.
 */
import { afterCommit, expose, request, response, RestController } from 'pecan';
import { eventStream } from '../../../shared/sse.js';
import {
  createDeployment,
  deleteDeployment,
  getDeployment,
  listEvents,
  updateDeployment,
  type Deployment,
} from '../../domain/deployments.js';
import { checkListQuery, listDeployments } from '../../domain/listing.js';
import { deployer, q, wakeWorkers } from '../context.js';
import {
  createBody,
  deployment,
  deploymentId,
  deploymentPage,
  deploymentWithEvents,
  listQuery,
  updateBody,
} from './schemas.js';

/**
 * A deployment with the link to itself, as OpenStack resources carry theirs. Its outputs (a
 * password among them) are in its own representation only, as Heat shows outputs in a stack's
 * show and not in lists: not in lists, event streams or the answers to writes.
 */
export function present(deployment: Deployment) {
  const { outputs: _outputs, ...summary } = deployment;
  const href = `/v1/deployments/${deployment.id}`;
  return { ...summary, links: [{ rel: 'self', href }] };
}

export class DeploymentsController extends RestController {
  customActions = { events: ['GET'] };

  /** `?status=&app=&limit=&marker=`, newest first; a `next` link while there is more. */
  @expose({
    template: 'json',
    schema: { ...listQuery, response: deploymentPage },
    openapi: { summary: 'List deployments, newest first' },
  })
  async getAll() {
    const list = checkListQuery(request.query);
    const page = await listDeployments(q(), list);
    const links = [];
    if (page.nextMarker) {
      const next = new URLSearchParams();
      for (const status of list.status ?? []) next.append('status', status);
      if (list.app) next.set('app', list.app);
      next.set('limit', String(list.limit));
      next.set('marker', page.nextMarker);
      links.push({ rel: 'next', href: `/v1/deployments?${next}` });
    }
    return { deployments: page.deployments.map(present), links };
  }

  /** The deployment and its timeline. */
  @expose({
    template: 'json',
    schema: { ...deploymentId, response: deploymentWithEvents },
    openapi: { summary: 'One deployment, with its outputs and timeline' },
  })
  async getOne(id: string) {
    const deployment = await getDeployment(q(), id);
    return {
      ...present(deployment),
      outputs: deployment.outputs,
      events: await listEvents(q(), id),
    };
  }

  /** 202: the deployment is accepted; its create runs in the background. */
  @expose({
    template: 'json',
    schema: { body: createBody, response: deployment },
    openapi: { summary: 'Deploy an app', status: 202 },
  })
  @afterCommit(wakeWorkers)
  async post() {
    const { settings, context } = deployer();
    const deployment = await createDeployment(q(), request.json, settings, context);
    return accepted(deployment);
  }

  /** Rename, resize, rescale: an update lifecycle. */
  @expose({
    template: 'json',
    schema: { ...deploymentId, body: updateBody, response: deployment },
    openapi: { summary: 'Rename, resize or rescale a deployment', status: 202 },
  })
  @afterCommit(wakeWorkers)
  async put(id: string) {
    return accepted(await updateDeployment(q(), id, request.json, deployer().context));
  }

  /** Tear down: a delete lifecycle. */
  @expose({
    template: 'json',
    schema: { ...deploymentId, response: deployment },
    openapi: { summary: 'Tear a deployment down', status: 202 },
  })
  @afterCommit(wakeWorkers)
  async delete(id: string) {
    return accepted(await deleteDeployment(q(), id, deployer().context));
  }

  /**
   * GET /v1/deployments/events: server-sent events, one `deployment` event per timeline event
   * (of every process sharing the database), carrying the deployment as it is now.
   */
  @expose({
    contentType: 'text/event-stream',
    openapi: { summary: 'Server-sent events: a `deployment` event per timeline event' },
  })
  getEvents() {
    const { events, stopping, db } = deployer();
    return eventStream(events, {
      signal: stopping,
      async toEvent(row) {
        const deployment = await getDeployment(db, row.deployment_id).catch(() => null);
        if (!deployment) return null;
        return {
          event: 'deployment',
          data: {
            deployment: present(deployment),
            event: {
              id: row.id,
              eventType: row.event_type,
              status: row.status,
              statusReason: row.status_reason,
              createdAt: row.created_at,
            },
          },
        };
      },
    });
  }
}

function accepted(deployment: Deployment) {
  response.status = 202;
  response.headers.set('Location', `/v1/deployments/${deployment.id}`);
  return present(deployment);
}
