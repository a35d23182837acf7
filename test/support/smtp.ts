import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { smtpMailer, type Mailer } from '../../activities/delivery/mailer';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  idempotencyKey: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server for a suite (the `smtp-server` package on a free port), keeping what it
 * accepts; `refuse` makes it answer every recipient with a temporary or permanent error.
 */
export function useSmtpReceiver() {
  const received: ReceivedMail[] = [];
  let refusal: { code: number; message: string } | undefined;
  let port = 0;
  const mailers: Mailer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, done) {
      if (!refusal) return done();
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      return done(error);
    },
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: mail.messageId ?? '',
            idempotencyKey: String(mail.headers.get('x-idempotency-key') ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          done();
        })
        .catch(done);
    },
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const m of mailers) m.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  return {
    received,
    /** Every recipient gets this answer until `accept` (451: try later; 550: never). */
    refuse(code = 451, message = 'Mailbox temporarily unavailable') {
      refusal = { code, message };
    },
    accept() {
      refusal = undefined;
    },
    /** A mailer to this server, as the worker builds one from SMTP_HOST and SMTP_PORT. */
    mailer(): Mailer {
      const mailer = smtpMailer({ host: '127.0.0.1', port, secure: false }, 'Wmo-trajecten <noreply@wmo.test>');
      mailers.push(mailer);
      return mailer;
    },
  };
}
