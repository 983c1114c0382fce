/**
 * The services' own entry point (server.ts → serveHosted), as Apache + Passenger runs it: it
 * listens, and on Passenger's shutdown ('exit' on the PhusionPassenger emitter, which the loader
 * emits when Passenger closes the process's stdin) or SIGTERM it stops accepting, lets the
 * request in flight finish and the workers quiesce, and only then exits, with 0.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { expose, loadApp } from 'pecan';
import { serveHosted } from '../hosting.js';

let releaseSlow!: () => void;
let slowStarted!: () => void;

class Root {
  @expose() async slow() {
    slowStarted();
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return 'finished';
  }
}

const passenger = new EventEmitter();
let exit: ReturnType<typeof vi.fn>;
const logs: string[] = [];
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
let before: Map<string, Function[]>;

beforeEach(() => {
  before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  (globalThis as { PhusionPassenger?: EventEmitter }).PhusionPassenger = passenger;
  exit = vi.fn();
  vi.spyOn(process, 'exit').mockImplementation(exit as never);
});
afterEach(() => {
  delete (globalThis as { PhusionPassenger?: EventEmitter }).PhusionPassenger;
  passenger.removeAllListeners();
  // Only the listeners serveHosted added: the test runner may have its own.
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  vi.restoreAllMocks();
});

async function hosted(quiesce: () => Promise<void>) {
  const app = await loadApp({
    server: { host: '127.0.0.1', port: 0 },
    app: { root: Root, requestId: false, accessLog: false },
  });
  const server = serveHosted(app, { quiesce, log: (line) => logs.push(line) });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

it("stops gracefully on Passenger's shutdown: in-flight request done, workers quiesced, exit 0", async () => {
  let quiesced = false;
  const { server, port } = await hosted(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50)); // the work in hand
    quiesced = true;
  });
  const started = new Promise<void>((resolve) => (slowStarted = resolve));
  const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
  await started;

  passenger.emit('exit');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.listening).toBe(false); // no new connections
  expect(exit).not.toHaveBeenCalled(); // the request is still running
  releaseSlow();
  expect(await (await inFlight).text()).toBe('finished');
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  expect(quiesced).toBe(true);
  expect(logs.some((line) => line.startsWith('Passenger shutdown: stopping'))).toBe(true);
});

it('stops the same way on SIGTERM, once however many signals come', async () => {
  const quiesce = vi.fn(async () => {});
  await hosted(quiesce);
  process.emit('SIGTERM', 'SIGTERM');
  process.emit('SIGTERM', 'SIGTERM');
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  expect(quiesce).toHaveBeenCalledTimes(1);
});
