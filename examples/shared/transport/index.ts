/** Picks a transport by its settings' `kind`. A new kind is one more case here, nothing else. */
import { AmqpReceiver } from './amqp-receiver.js';
import { AmqpSender } from './amqp-sender.js';
import type { AmqpTransportSettings } from './amqp-settings.js';
import { HttpReceiver, HttpSender, type HttpTransportSettings } from './http.js';
import type { OsloNotificationsSettings } from './oslo-settings.js';
import type { NotificationReceiver, NotificationSender, TransportOptions } from './transport.js';

export type TransportSettings = HttpTransportSettings | AmqpTransportSettings;
export type { AmqpTransportSettings, HttpTransportSettings, OsloNotificationsSettings };
export { OsloNotificationReceiver } from './oslo-receiver.js';
export type * from './transport.js';

export function createSender(
  settings: TransportSettings,
  options: TransportOptions = {},
): NotificationSender {
  switch (settings.kind) {
    case 'http':
      return new HttpSender(settings);
    case 'amqp':
      return new AmqpSender(settings, options);
    default:
      throw new Error(`transport: unknown kind ${JSON.stringify((settings as any).kind)}`);
  }
}

export function createReceiver(
  settings: TransportSettings,
  options: TransportOptions = {},
): NotificationReceiver {
  switch (settings.kind) {
    case 'http':
      return new HttpReceiver();
    case 'amqp':
      return new AmqpReceiver(settings, options);
    default:
      throw new Error(`transport: unknown kind ${JSON.stringify((settings as any).kind)}`);
  }
}

/**
 * The transport a config file's environment variable names: unset, empty or `http` keeps
 * `http` (the `fallback`), an `amqp://` or `amqps://` URL selects RabbitMQ. The config files
 * use it for DEPLOYER_TRANSPORT and NOTIFIER_TRANSPORT, with the rest of the amqp settings
 * (`exchange`, `queue`, `bindings`, …) from the file; anything else is an error at startup.
 */
export function transportFromEnv(
  name: string,
  value: string | undefined,
  fallback: TransportSettings,
  amqp: Omit<AmqpTransportSettings, 'kind' | 'url'> = {},
): TransportSettings {
  if (value === undefined || value === '' || value === 'http') return fallback;
  if (/^amqps?:\/\//.test(value)) return { kind: 'amqp', url: value, ...amqp };
  throw new Error(`${name} must be http or an amqp:// URL, not ${JSON.stringify(value)}`);
}

/**
 * A subscription to an OpenStack service's notifications (oslo-settings.ts) from the
 * environment: unset or empty is none (null), an `amqp://` or `amqps://` URL subscribes, with
 * the rest of the settings from the file; anything else is an error at startup.
 */
export function osloNotificationsFromEnv(
  name: string,
  value: string | undefined,
  rest: Omit<OsloNotificationsSettings, 'url'> = {},
): OsloNotificationsSettings | null {
  if (value === undefined || value === '') return null;
  if (/^amqps?:\/\//.test(value)) return { ...rest, url: value };
  throw new Error(`${name} must be an amqp:// URL (or unset), not ${JSON.stringify(value)}`);
}
