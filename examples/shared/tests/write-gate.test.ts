import { describe, expect, it } from 'vitest';
import { DEFAULT_WRITE_GATE, Overloaded, WriteGate } from '../write-gate.js';

/** A gate that judges by its queue only (the event-loop test below turns that on). */
function gate(options: Partial<ConstructorParameters<typeof WriteGate>[0]> = {}) {
  return new WriteGate({ concurrency: 1, maxEventLoopDelayMs: 0, ...options });
}

describe('WriteGate', () => {
  it('lets `concurrency` writes in at once and the others in order as slots free', async () => {
    const g = gate({ concurrency: 2 });
    const first = await g.acquire();
    const second = await g.acquire();
    const order: number[] = [];
    const third = g.acquire().then((release) => (order.push(3), release));
    const fourth = g.acquire().then((release) => (order.push(4), release));
    expect([g.active, g.waiting]).toEqual([2, 2]);
    first();
    first(); // a second release of the same slot frees nothing more
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect([g.active, g.waiting, g.stats.admitted]).toEqual([0, 0, 4]);
  });

  it('refuses at once when `maxQueue` writes are already waiting', async () => {
    const g = gate({ maxQueue: 1, retryAfterSec: 7 });
    const held = await g.acquire();
    const waiting = g.acquire();
    const refused = await g.acquire().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Overloaded);
    expect((refused as Overloaded).retryAfterSec).toBe(7);
    expect(g.stats.refusedFull).toBe(1);
    held();
    (await waiting)();
  });

  it('refuses a write that waited `maxWaitMs`, and forgets it', async () => {
    const g = gate({ maxWaitMs: 20 });
    const held = await g.acquire();
    const started = Date.now();
    await expect(g.acquire()).rejects.toThrow(/within 20 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect([g.waiting, g.stats.refusedTimeout]).toEqual([0, 1]);
    held();
    // The refused waiter took no slot: the next write gets in at once.
    (await g.acquire())();
    expect(g.active).toBe(0);
  });

  it('refuses writes while the event loop lags, and admits them once it keeps up', async () => {
    const g = gate({ maxEventLoopDelayMs: 100 });
    try {
      // The monitor's timer runs; then a second of work without yielding makes it late.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const until = Date.now() + 1100;
      while (Date.now() < until);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await expect(g.acquire()).rejects.toBeInstanceOf(Overloaded);
      expect(g.stats.refusedLag).toBe(1);
      expect(g.eventLoopDelayMs).toBeGreaterThan(100);
      // A calm second later, the window has moved on.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      (await g.acquire())();
    } finally {
      g.close();
    }
  });

  it('takes the defaults for options left undefined, as a settings file leaves them', () => {
    const g = gate({ maxWaitMs: undefined, maxQueue: 3, retryAfterSec: undefined });
    expect(g.options).toEqual({
      ...DEFAULT_WRITE_GATE,
      concurrency: 1,
      maxQueue: 3,
      maxEventLoopDelayMs: 0,
    });
  });

  it('rejects settings that are not whole numbers', () => {
    expect(() => gate({ maxWaitMs: Number('soon') })).toThrow(/maxWaitMs/);
    expect(() => gate({ concurrency: 0 })).toThrow(/concurrency/);
  });
});
