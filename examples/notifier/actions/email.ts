import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AlarmView } from '../domain/alarm-view.js';
import type { Action } from './action.js';
import { alarmSummary, DeliveryError } from './action.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  from: string;
  user?: string;
  password?: string;
  /** Connection, greeting and socket timeouts of one attempt (ms). */
  timeoutMs: number;
  /** The notifier's public URL, for a link to the alarm's page in the message. */
  publicUrl?: string;
  /**
   * When set, each message is written to this folder as an `.eml` file instead of being sent:
   * the embedded default, so that the demo needs no mail server (open the files with any mail
   * program). SMTP is used when it is not set.
   */
  pickupDirectory?: string;
}

/**
 * The `email` action: one plain-text message per alarm to the definition's recipients, over
 * SMTP through nodemailer (one transport, reused). A rejection the SMTP server calls permanent
 * (5xx, e.g. an unknown mailbox) is not retried; a connection failure or a 4xx is.
 */
export function emailAction(settings: SmtpSettings): Action<{ type: 'email'; to: string[] }> {
  if (settings.pickupDirectory !== undefined)
    return pickupAction(settings, settings.pickupDirectory);
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth:
      settings.user === undefined ? undefined : { user: settings.user, pass: settings.password },
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  return {
    async run(spec, alarm) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: spec.to,
          subject: alarmSummary(alarm),
          text: messageText(alarm, settings.publicUrl),
        });
      } catch (error) {
        const permanent = (error as { permanent?: boolean }).permanent === true;
        throw new DeliveryError(error instanceof Error ? error.message : String(error), permanent);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** Composes the message with nodemailer as for SMTP, and files it instead of sending it. */
function pickupAction(
  settings: SmtpSettings,
  directory: string,
): Action<{ type: 'email'; to: string[] }> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async run(spec, alarm) {
      const info = await transport.sendMail({
        from: settings.from,
        to: spec.to,
        subject: alarmSummary(alarm),
        text: messageText(alarm, settings.publicUrl),
      });
      await fs.mkdir(directory, { recursive: true });
      const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-alarm-${alarm.id}.eml`;
      await fs.writeFile(path.join(directory, file), info.message as Buffer);
    },
  };
}

function messageText(alarm: AlarmView, publicUrl: string | undefined): string {
  const lines = [
    `Alarm ${alarm.id} (${alarm.severity}) was raised by the definition "${alarm.definition.name}".`,
    '',
    `Deployment:   ${alarm.deployment ? `${alarm.deployment.name} (${alarm.deployment.id})` : '-'}`,
    ...(alarm.stack ? [`Heat stack:   ${alarm.stack.name} (${alarm.stack.id})`] : []),
    `Event:        ${alarm.notification.eventType}`,
    `Reason:       ${alarm.deployment?.statusReason ?? alarm.stack?.statusReason ?? '-'}`,
    `Published by: ${alarm.notification.publisherId}`,
    `At:           ${alarm.notification.timestamp}`,
    `Message id:   ${alarm.notification.messageId}`,
    `State:        ${alarm.state}`,
  ];
  if (publicUrl !== undefined)
    lines.push('', `See ${new URL(`/alarms/${alarm.id}`, publicUrl).href}`);
  return `${lines.join('\n')}\n`;
}
