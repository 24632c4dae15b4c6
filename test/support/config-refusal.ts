import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** The message a refused configuration starts with; fails the test when it is not refused. */
export function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}
