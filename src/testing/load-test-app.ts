/** §14: `loadTestApp` and `resetGlobalConfig`, Pecan's `pecan.testing` helpers. */
import type { PecanApp } from '../make-app.js';
import { loadApp, resetConfig, type ConfigSource } from '../config/index.js';
import { TestApp, type TestAppOptions } from './test-app.js';

/**
 * A TestApp around an app, or around the app a config builds (`loadApp`: a config file path,
 * an object or a Config; `PECAN_CONFIG` when omitted).
 */
export async function loadTestApp(
  target?: PecanApp | string | ConfigSource | null,
  options: TestAppOptions & { extra?: Record<string, unknown> } = {},
): Promise<TestApp> {
  const { extra, ...clientOptions } = options;
  const app = isPecanApp(target) ? target : await loadApp(target, extra);
  return new TestApp(app, clientOptions);
}

/**
 * Restores the global `conf` to the defaults and removes `PECAN_CONFIG` from the environment,
 * so one test's configuration never leaks into the next (call it in `afterEach`).
 */
export function resetGlobalConfig(): void {
  resetConfig();
  delete process.env.PECAN_CONFIG;
}

function isPecanApp(value: unknown): value is PecanApp {
  return typeof value === 'function' && typeof (value as Partial<PecanApp>).fetch === 'function';
}
