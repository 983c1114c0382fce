/** `pecan/testing`: test an app in-process, as Pecan's `pecan.testing` with WebTest (§14). */
export { loadTestApp, resetGlobalConfig } from './load-test-app.js';
export {
  TestApp,
  TestAppError,
  type TestAppOptions,
  type TestRequestOptions,
  type Params,
  type ParamValue,
} from './test-app.js';
export { TestResponse } from './test-response.js';
export type { Client, ClientEndpoint, TypedResponse } from './typed-client.js';
