/**
 * How notifications travel from the publisher (the deployer) to the subscriber (the notifier).
 * The services see only these two interfaces; configuration picks the kind. The publisher's
 * outbox calls `send` and deletes its job only when `send` resolved, so `send` must resolve
 * only once the other side holds the notification (an HTTP 2xx, a broker's confirm).
 */
import type { Logger } from 'pecan';
import type { Notification } from '../notification.js';

/** What a transport may use besides its settings. */
export interface TransportOptions {
  /** Connections, losses and refused messages are logged here. */
  logger?: Logger | undefined;
  /** The connection's name where the other side shows one (a broker's management UI). */
  name?: string;
}

export interface NotificationSender {
  send(notification: Notification): Promise<void>;
  close(): Promise<void>;
}

/**
 * The subscriber's side. `handle` resolves once the notification is processed and committed;
 * only then may the transport acknowledge it, so a crash in between redelivers it.
 */
export type NotificationHandler = (notification: Notification) => Promise<void>;

export interface ReceiverHooks {
  /**
   * A message that is not a notification was refused for good (a queue dead-letters it); the
   * subscriber counts it. Its failure is only logged.
   */
  rejected?(problem: string): Promise<void>;
}

export interface NotificationReceiver {
  start(handle: NotificationHandler, hooks?: ReceiverHooks): Promise<void>;
  close(): Promise<void>;
}
