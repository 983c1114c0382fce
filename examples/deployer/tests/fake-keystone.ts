/**
 * The fake Keystone v3 (see fake-openstack.ts): POST /identity/v3/auth/tokens with a password
 * scoped to a project answers 201, the token in X-Subject-Token, and a body with `expires_at`
 * and the service catalogue; anything else is Keystone's 401.
 */
import { randomUUID } from 'node:crypto';
import { expose, request, response, RestController } from 'pecan';
import type { FakeOpenStack } from './fake-openstack.js';

export const USER = { name: 'demo', password: 'secret', domain: 'Default' };
export const PROJECT = { id: '8f5c3d2a9b7e4f6a8c1d2e3f4a5b6c7d', name: 'demo', domain: 'Default' };

/** Keystone's error document. */
function keystoneError(status: number, title: string, message: string, headers?: HeadersInit) {
  return Response.json(
    { error: { code: status, title, message } },
    { status, ...(headers && { headers }) },
  );
}

/** What Keystone, and keystonemiddleware in front of Heat, answer without a valid token. */
export function unauthorized(): Response {
  return keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.', {
    'WWW-Authenticate': 'Keystone uri="http://fake/identity"',
  });
}

export class TokensController extends RestController {
  constructor(private readonly fake: FakeOpenStack) {
    super();
  }

  // POST /identity/v3/auth/tokens
  @expose('json') post() {
    const auth = (request.json as any)?.auth;
    if (!auth?.identity?.methods)
      return keystoneError(400, 'Bad Request', 'Expecting to find identity in auth');
    const user = auth.identity.password?.user;
    const project = auth.scope?.project;
    this.fake.authentications++;
    if (
      !auth.identity.methods.includes('password') ||
      user?.name !== USER.name ||
      user?.password !== this.fake.password ||
      user?.domain?.name !== USER.domain ||
      project?.name !== PROJECT.name ||
      project?.domain?.name !== PROJECT.domain
    )
      return unauthorized();
    const token = randomUUID().replace(/-/g, '');
    const now = Date.now();
    const expiresAt = now + this.fake.tokenTtlMs;
    this.fake.tokens.set(token, expiresAt);
    response.status = 201;
    response.headers.set('X-Subject-Token', token);
    const micro = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
    const base = this.fake.url;
    const endpoint = (iface: string, region: string, path: string) => ({
      id: randomUUID(),
      interface: iface,
      region,
      region_id: region,
      url: `${base}/${path}/v1/${PROJECT.id}`,
    });
    return {
      token: {
        methods: ['password'],
        user: {
          domain: { id: 'default', name: USER.domain },
          id: 'u-1',
          name: USER.name,
          password_expires_at: null,
        },
        audit_ids: [randomUUID()],
        expires_at: micro(expiresAt),
        issued_at: micro(now),
        project: {
          domain: { id: 'default', name: PROJECT.domain },
          id: PROJECT.id,
          name: PROJECT.name,
        },
        is_domain: false,
        roles: [{ id: 'r-1', name: 'member' }],
        catalog: [
          {
            type: 'identity',
            name: 'keystone',
            id: 'keystone',
            endpoints: [endpoint('public', 'RegionOne', 'identity')],
          },
          {
            type: 'orchestration',
            name: 'heat',
            id: 'heat',
            endpoints: [
              endpoint('public', 'RegionOne', 'heat'),
              endpoint('internal', 'RegionOne', 'heatinternal'),
              endpoint('public', 'RegionTwo', this.fake.regionTwoPath),
            ],
          },
        ],
      },
    };
  }
}
