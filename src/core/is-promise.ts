/** A thenable: the one test the lifecycle uses to await only what is really asynchronous. */
export function isPromise<T = unknown>(value: unknown): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}
