/**
 * One connection to the broker and one channel on it, kept up: when either is lost (the broker
 * restarts, the network drops, the broker closes the channel over an error) both are thrown
 * away and made again after an exponential backoff with jitter, and the topology is declared
 * again (by the owner's `declare`). A caller asks for the channel when it needs one and waits a bounded time for it.
 */
import { connect, type Channel, type ChannelModel } from 'amqplib';
import type { Logger } from 'pecan';
import { backoffDelay, type BackoffPolicy } from '../backoff.js';

/** What a link needs of its settings: where the broker is, and how to keep the connection. */
export interface LinkSettings {
  /** `amqp://user:password@host:5672/vhost` (or `amqps://`). */
  url: string;
  /** AMQP heartbeat in seconds. */
  heartbeatSec: number;
  /** How long one attempt to connect may take. */
  connectTimeoutMs: number;
  /** Delays between attempts to reconnect. */
  reconnect: BackoffPolicy;
}

export interface LinkOptions<C extends Channel> {
  settings: LinkSettings;
  /** Shown in the broker's management UI as the connection's name, and in the log. */
  name: string;
  logger?: Logger | undefined;
  /** Makes the channel on a new connection (a confirm channel for publishers). */
  open(model: ChannelModel): Promise<C>;
  /**
   * Declares the exchanges, queues and bindings the link uses, on every (re)connect. `model`
   * is there for a declaration that needs a scratch channel (a passive check that fails
   * closes the channel it ran on).
   */
  declare(channel: C, model: ChannelModel): Promise<void>;
  /** After the topology is declared: start consuming, say. */
  ready?(channel: C): Promise<void>;
  /** The channel in use is gone (its unacknowledged deliveries go back to the queue). */
  lost?(channel: C): void;
}

interface Generation<C> {
  model: ChannelModel;
  channel: C | null;
  over: boolean;
}

export class AmqpLink<C extends Channel> {
  readonly #options: LinkOptions<C>;
  #current: Generation<C> | null = null;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #connecting: Promise<void> | null = null;
  #closing = false;
  #lastError = 'not connected yet';
  readonly #waiters = new Set<(error?: Error) => void>();

  constructor(options: LinkOptions<C>) {
    this.#options = options;
  }

  /** Connects; resolves after the first attempt, whether it worked or a retry is scheduled. */
  start(): Promise<void> {
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  /** The channel when connected now, else null. */
  get channel(): C | null {
    return this.#current?.channel ?? null;
  }

  /** The channel, waiting up to `timeoutMs` for a connection; rejects when there is none. */
  waitForChannel(timeoutMs: number): Promise<C> {
    const ready = this.channel;
    if (ready) return Promise.resolve(ready);
    if (this.#closing) return Promise.reject(new Error('amqp: the transport is closed'));
    return new Promise<C>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.#waiters.delete(settle);
        const channel = this.channel;
        if (channel && !error) resolve(channel);
        else reject(error ?? new Error('amqp: the transport is closed'));
      };
      const timer = setTimeout(
        () =>
          settle(
            new Error(
              `amqp: no connection to the broker within ${timeoutMs} ms: ${this.#lastError}`,
            ),
          ),
        timeoutMs,
      );
      this.#waiters.add(settle);
    });
  }

  /** Closes the channel and the connection; no reconnect, no timer is left behind. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const settle of [...this.#waiters]) settle(new Error('amqp: the transport is closed'));
    await this.#connecting;
    const current = this.#current;
    this.#current = null;
    if (current && !current.over) {
      current.over = true;
      await current.model.close().catch(() => {});
    }
  }

  async #connect(): Promise<void> {
    const { settings, name, logger } = this.#options;
    let model: ChannelModel;
    try {
      model = await connect(withHeartbeat(settings.url, settings.heartbeatSec), {
        // A broker that does not answer at all fails the attempt instead of hanging it.
        timeout: settings.connectTimeoutMs,
        clientProperties: { connection_name: name },
      });
    } catch (error) {
      this.#connecting = null;
      this.#retry(error);
      return;
    }
    const generation: Generation<C> = { model, channel: null, over: false };
    model.on('error', (error: Error) => (this.#lastError = error.message));
    model.on('close', (error?: Error) => this.#lose(generation, error));
    model.on('blocked', (reason: string) =>
      logger?.warn(`amqp: ${name}: the broker blocks publishing (${reason})`),
    );
    model.on('unblocked', () => logger?.info(`amqp: ${name}: the broker unblocked publishing`));
    try {
      if (this.#closing) throw new Error('closing');
      const channel = await this.#options.open(model);
      channel.on('error', (error: Error) => (this.#lastError = error.message));
      // A channel the broker closed (a failed declaration, an unknown delivery tag) takes the
      // connection with it: the next generation starts clean.
      channel.on('close', () => this.#lose(generation, new Error(this.#lastError)));
      await this.#options.declare(channel, model);
      // Live before `ready`: a consumer receives its first messages as soon as it starts, and
      // they must find the channel they came on current.
      generation.channel = channel;
      this.#current = generation;
      await this.#options.ready?.(channel);
      if (generation.over) throw new Error(this.#lastError);
      this.#attempt = 0;
      logger?.info(`amqp: ${name}: connected to ${redact(settings.url)}`);
      for (const settle of [...this.#waiters]) settle();
    } catch (error) {
      this.#lose(generation, error);
    } finally {
      this.#connecting = null;
    }
  }

  /** Ends a generation once (the channel's and the connection's close both land here). */
  #lose(generation: Generation<C>, error: unknown): void {
    if (generation.over) return;
    generation.over = true;
    if (this.#current === generation) this.#current = null;
    if (generation.channel) this.#options.lost?.(generation.channel);
    generation.model.close().catch(() => {});
    if (!this.#closing) this.#retry(error);
  }

  #retry(error: unknown): void {
    if (this.#closing || this.#timer) return;
    this.#lastError = error instanceof Error ? error.message : String(error ?? 'connection closed');
    this.#attempt++;
    const delay = backoffDelay(this.#attempt, this.#options.settings.reconnect);
    this.#options.logger?.warn(
      `amqp: ${this.#options.name}: no connection to ${redact(this.#options.settings.url)} ` +
        `(${this.#lastError}); retrying in ${delay} ms`,
    );
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#connecting ??= this.#connect();
    }, delay);
  }
}

/** amqplib reads the heartbeat from the URL; one the operator wrote there wins. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}

/** The URL without its password, for the log. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the broker';
  }
}
