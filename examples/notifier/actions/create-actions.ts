import type { Logger } from 'pecan';
import type { Actions } from './action.js';
import { emailAction, type SmtpSettings } from './email.js';
import { logAction } from './log.js';
import { webhookAction, type WebhookSettings } from './webhook.js';

export interface ActionSettings {
  smtp: SmtpSettings;
  webhook: WebhookSettings;
}

/** The three actions, built once from the configuration. */
export function createActions(settings: ActionSettings, logger: Logger): Actions {
  return {
    log: logAction(logger),
    webhook: webhookAction(settings.webhook),
    email: emailAction(settings.smtp),
  };
}

export async function closeActions(actions: Actions): Promise<void> {
  for (const action of Object.values(actions)) await action.close?.();
}
