import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../actions/action.js';
import { emailAction } from '../actions/email.js';
import { sampleAlarm } from './fixtures.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((r) => server.close(() => r()));
});

/** A local SMTP server (no TLS, no login) that keeps what it receives; it refuses `refuse`. */
async function smtpServer(refuse?: string) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === refuse) {
        const error = Object.assign(new Error('No such mailbox'), { responseCode: 550 });
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from === false ? '' : from.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received };
}

function settings(port: number) {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    from: 'notifier@example.com',
    timeoutMs: 2000,
    publicUrl: 'http://127.0.0.1:8081',
  };
}

describe('email action', () => {
  it('sends the alarm to every recipient', async () => {
    const { port, received } = await smtpServer();
    const email = emailAction(settings(port));
    try {
      await email.run(
        { type: 'email', to: ['ops@example.com', 'oncall@example.com'] },
        sampleAlarm(),
      );
    } finally {
      await email.close?.();
    }
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.from).toBe('notifier@example.com');
    expect(message!.to).toEqual(['ops@example.com', 'oncall@example.com']);
    // Headers may be folded; unfold them before reading.
    const raw = message!.raw.replace(/\r\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^To: ops@example.com, oncall@example.com$/m);
    expect(raw).toMatch(
      /^Subject: \[CRITICAL\] deployment-failed: deployment shop \(deployment.create.error\)$/m,
    );
    const body = decodeBody(raw);
    expect(body).toContain('Alarm 7 (critical) was raised by the definition "deployment-failed".');
    expect(body).toContain('Deployment:   shop (d-42)');
    expect(body).toContain('Event:        deployment.create.error');
    expect(body).toContain('Reason:       Stack CREATE failed: quota exceeded');
    expect(body).toContain('Message id:   6b1a1f9e-8f52-4a8e-9a43-54c4a1a0b3c1');
    expect(body).toContain('See http://127.0.0.1:8081/alarms/7');
  });

  it("names a Heat stack's alarm by its stack, with Heat's reason", async () => {
    const directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pickup-')), 'mail');
    const email = emailAction({ ...settings(9), pickupDirectory: directory });
    const stack = {
      id: 'ae23f9c9-5ccf-40f3-81b7-1a85b9993b69',
      name: 'web',
      statusReason: 'Resource CREATE failed: ValueError: boom',
    };
    await email.run(
      { type: 'email', to: ['ops@example.com'] },
      sampleAlarm({ deployment: null, stack, definition: { id: 3, name: 'stack-failed' } }),
    );
    const [file] = fs.readdirSync(directory);
    // The pickup folder's files end lines with \n; unfold the headers, as above.
    const raw = fs
      .readFileSync(path.join(directory, file!), 'utf8')
      .replace(/\r?\n/g, '\r\n')
      .replace(/\r\n[ \t]+/g, ' ');
    expect(raw).toMatch(
      /^Subject: \[CRITICAL\] stack-failed: stack web \(deployment.create.error\)$/m,
    );
    const body = decodeBody(raw);
    expect(body).toContain('Deployment:   -');
    expect(body).toContain('Heat stack:   web (ae23f9c9-5ccf-40f3-81b7-1a85b9993b69)');
    expect(body).toContain('Reason:       Resource CREATE failed: ValueError: boom');
  });

  it('fails for good when the server refuses the recipient', async () => {
    const { port, received } = await smtpServer('nobody@example.com');
    const email = emailAction(settings(port));
    const error: unknown = await email
      .run({ type: 'email', to: ['nobody@example.com'] }, sampleAlarm())
      .catch((e: unknown) => e);
    await email.close?.();
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).permanent).toBe(true);
    expect((error as DeliveryError).message).toMatch(/No such mailbox/);
    expect(received).toEqual([]);
  });

  it('fails, to be retried, when no SMTP server answers', async () => {
    const { port } = await smtpServer();
    for (const server of servers.splice(0)) await new Promise<void>((r) => server.close(() => r()));
    const email = emailAction(settings(port));
    const error: unknown = await email
      .run({ type: 'email', to: ['ops@example.com'] }, sampleAlarm())
      .catch((e: unknown) => e);
    await email.close?.();
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).permanent).toBe(false);
  });

  it('files the message in a pickup folder instead, when one is set (no mail server)', async () => {
    const directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pickup-')), 'mail');
    const email = emailAction({ ...settings(9), pickupDirectory: directory });
    await email.run({ type: 'email', to: ['ops@example.com'] }, sampleAlarm());
    const files = fs.readdirSync(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-alarm-\d+\.eml$/);
    const message = fs.readFileSync(path.join(directory, files[0]!), 'utf8');
    expect(message).toMatch(/^To: ops@example\.com$/m);
    expect(message).toMatch(/^Subject: .+/m);
    expect(message).toContain(String(sampleAlarm().deployment?.name));
  });
});

/** The text body, decoded from quoted-printable when nodemailer chose it. */
function decodeBody(raw: string): string {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head ?? ''))
    return decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
  if (/Content-Transfer-Encoding: base64/i.test(head ?? ''))
    return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}
