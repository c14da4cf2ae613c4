import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; every line of a request carries its `requestId`. */
export function createLogger(service: string): Logger {
  return pino({ name: service, level: process.env.LOG_LEVEL ?? 'info', base: { service } });
}
