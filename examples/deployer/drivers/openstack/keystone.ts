/**
 * A Keystone v3 session: password authentication scoped to a project, the token (the
 * `X-Subject-Token` header) renewed before it expires and again when a service answers 401,
 * and the service catalogue that says where each service's endpoint is, per region and
 * interface.
 */
import { PermanentDriverError } from '../driver.js';

export interface KeystoneSettings {
  /** Keystone's base URL, e.g. https://keystone.example.com:5000 (with or without /v3). */
  authUrl: string;
  username: string;
  password: string;
  userDomainName?: string;
  projectName: string;
  projectDomainName?: string;
  /** Which endpoint of each service to use: 'public' (default), 'internal' or 'admin'. */
  interface?: 'public' | 'internal' | 'admin';
  /** Per HTTP request, in ms (default 10 s). */
  timeoutMs?: number;
  /** Renew a token this long before it expires, in ms (default 5 min). */
  renewBeforeMs?: number;
}

export interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region?: string; region_id?: string; url: string }[];
}

interface Token {
  value: string;
  expiresAt: number;
  catalog: CatalogEntry[];
}

export class KeystoneSession {
  readonly #settings: KeystoneSettings;
  readonly #now: () => number;
  #token: Token | null = null;
  #authenticating: Promise<Token> | null = null;

  constructor(settings: KeystoneSettings, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
  }

  /**
   * Calls a service: `path` under its endpoint for `region`, with the token. A 401 means the
   * token was revoked or expired early: authenticate again and retry once.
   */
  async request(service: string, region: string, path: string, init: RequestInit = {}) {
    for (let attempt = 1; ; attempt++) {
      const token = await this.#validToken();
      const url = `${endpointOf(token.catalog, service, region, this.#interface())}${path}`;
      const headers = new Headers(init.headers);
      headers.set('X-Auth-Token', token.value);
      headers.set('Accept', 'application/json');
      const response = await reach(`${service} at ${url}`, url, {
        ...init,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#settings.timeoutMs ?? 10_000),
      });
      if (response.status !== 401 || attempt === 2) return response;
      await response.body?.cancel();
      if (this.#token === token) this.#token = null;
    }
  }

  #interface(): string {
    return this.#settings.interface ?? 'public';
  }

  async #validToken(): Promise<Token> {
    const renewBefore = this.#settings.renewBeforeMs ?? 5 * 60_000;
    if (this.#token && this.#token.expiresAt - renewBefore > this.#now()) return this.#token;
    // Requests that find the token stale together share one authentication.
    this.#authenticating ??= this.#authenticate().finally(() => (this.#authenticating = null));
    this.#token = await this.#authenticating;
    return this.#token;
  }

  async #authenticate(): Promise<Token> {
    const s = this.#settings;
    const base = keystoneBase(s.authUrl);
    const response = await reach(`Keystone at ${base}`, `${base}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(passwordAuth(s)),
      signal: AbortSignal.timeout(s.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (!response.ok)
      // Wrong credentials are retried too: an operator may fix them without losing deployments.
      throw new Error(
        `Keystone refused to authenticate (${response.status}): ${errorMessage(text)}`,
      );
    const value = response.headers.get('X-Subject-Token');
    const body = JSON.parse(text) as { token?: { expires_at?: string; catalog?: CatalogEntry[] } };
    const expiresAt = Date.parse(body.token?.expires_at ?? '');
    if (!value || Number.isNaN(expiresAt))
      throw new Error('Keystone answered without a token or its expiry');
    return { value, expiresAt, catalog: body.token?.catalog ?? [] };
  }
}

/**
 * `fetch`, whose network failures say what could not be reached and why ("orchestration at
 * http://…: connect ECONNREFUSED 127.0.0.1:8004") instead of undici's bare "fetch failed".
 */
async function reach(what: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? 'no answer in time'
        : (cause?.message ?? cause?.code ?? (error as Error).message);
    throw new Error(`${what} is unreachable: ${why}`, { cause: error });
  }
}

/** Keystone's root URL from an auth URL given with or without `/v3`. */
export function keystoneBase(authUrl: string): string {
  return authUrl.replace(/\/+$/, '').replace(/\/v3$/, '');
}

/** The body of a Keystone v3 password authentication scoped to the settings' project. */
export function passwordAuth(s: KeystoneSettings) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: s.username,
            domain: { name: s.userDomainName ?? 'Default' },
            password: s.password,
          },
        },
      },
      scope: {
        project: { name: s.projectName, domain: { name: s.projectDomainName ?? 'Default' } },
      },
    },
  };
}

/** The endpoint URL of a service in a region, for an interface; no trailing slash. */
export function endpointOf(
  catalog: CatalogEntry[],
  service: string,
  region: string,
  iface: string,
): string {
  const endpoint = catalog
    .filter((entry) => entry.type === service)
    .flatMap((entry) => entry.endpoints)
    .find((e) => e.interface === iface && (e.region_id ?? e.region) === region);
  if (!endpoint)
    throw new PermanentDriverError(
      `The service catalogue has no ${iface} ${service} endpoint in region ${region}`,
    );
  return endpoint.url.replace(/\/+$/, '');
}

/** The message of an OpenStack error body (`{error: {message}}`), else the text itself. */
export function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string }; explanation?: string };
    return body.error?.message ?? body.explanation ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
