/** Picks a transport by its settings' `kind`. A new kind is one more case here, nothing else. */
import { HttpReceiver, HttpSender, type HttpTransportSettings } from './http.js';
import type { NotificationReceiver, NotificationSender } from './transport.js';

export type TransportSettings = HttpTransportSettings;
export type * from './transport.js';

export function createSender(settings: TransportSettings): NotificationSender {
  switch (settings.kind) {
    case 'http':
      return new HttpSender(settings);
    default:
      throw new Error(`transport: unknown kind ${JSON.stringify((settings as any).kind)}`);
  }
}

export function createReceiver(settings: TransportSettings): NotificationReceiver {
  switch (settings.kind) {
    case 'http':
      return new HttpReceiver();
    default:
      throw new Error(`transport: unknown kind ${JSON.stringify((settings as any).kind)}`);
  }
}
