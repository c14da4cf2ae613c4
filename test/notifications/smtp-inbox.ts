import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on a free local port that keeps what it accepts. `refuseNext(address, n)` makes it answer the
 * next n messages to that address with a temporary failure (451), as a busy mail server does.
 */
export class SmtpInbox {
  readonly received: ReceivedMail[] = [];
  readonly refused: { to: string[]; at: Date }[] = [];
  private readonly refusals = new Map<string, number>();
  private server: SMTPServer | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const to = (session.envelope.rcptTo || []).map((rcpt) => rcpt.address.toLowerCase());
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refusedFor = to.find((address) => (this.refusals.get(address) ?? 0) > 0);
          if (refusedFor) {
            this.refusals.set(refusedFor, this.refusals.get(refusedFor)! - 1);
            this.refused.push({ to, at: new Date() });
            return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
          }
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              this.received.push({ to, mail });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  refuseNext(address: string, times: number): void {
    this.refusals.set(address.toLowerCase(), times);
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  refusedFor(address: string): number {
    return this.refused.filter((r) => r.to.includes(address.toLowerCase())).length;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
