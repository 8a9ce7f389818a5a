/** The process logger (pino). Request logs carry the request id given by Fastify. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates a logger at the given level. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: ['req.headers.cookie', 'password', '*.password'] });
}
