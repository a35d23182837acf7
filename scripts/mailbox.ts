import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  port: number;
  dir: string;
  close(): Promise<void>;
}

/**
 * A local SMTP receiver that keeps every message as an .eml file: the embedded default, so
 * `npm start` sends real e-mail without anything installed. Loopback only, no TLS, no sign-in.
 */
export async function startMailbox(dir: string, port: number, host = '127.0.0.1'): Promise<Mailbox> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Wmo-trajecten local mailbox',
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`;
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        // Written under another name, then renamed: whoever lists the folder never opens a message half written.
        const file = path.join(dir, name);
        writeFileSync(`${file}.part`, Buffer.concat([Buffer.from(`X-Envelope-To: ${to}\r\n`), ...chunks]));
        renameSync(`${file}.part`, file);
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
