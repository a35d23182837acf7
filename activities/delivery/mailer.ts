import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Message } from './messages';

/** Sends one e-mail; throws with the server's response code when it refuses. */
export interface Mailer {
  send(mail: { to: string; idempotencyKey: string } & Message): Promise<void>;
  close(): void;
}

export type SmtpSettings =
  { url: string } | { host: string; port: number; secure: boolean; user?: string; password?: string };

/**
 * A stable Message-ID per outbox key: a receiver that gets the same notice twice (a crash between
 * "sent" and "recorded") sees the same id and can drop the copy.
 */
export const messageIdOf = (idempotencyKey: string, domain: string): string =>
  `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;

/** E-mail over SMTP with nodemailer; short timeouts, so an outage fails an attempt and Temporal retries it. */
export function smtpMailer(settings: SmtpSettings, from: string): Mailer {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transport =
    'url' in settings
      ? nodemailer.createTransport({ url: settings.url, ...timeouts })
      : nodemailer.createTransport({
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          ...(settings.user && { auth: { user: settings.user, pass: settings.password ?? '' } }),
          ...timeouts,
        });
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'wmo-trajecten.local';
  return {
    async send({ to, idempotencyKey, subject, text, html }) {
      await transport.sendMail({
        from,
        to,
        subject,
        text,
        html,
        messageId: messageIdOf(idempotencyKey, domain),
        headers: { 'X-Idempotency-Key': idempotencyKey },
      });
    },
    close: () => transport.close(),
  };
}
