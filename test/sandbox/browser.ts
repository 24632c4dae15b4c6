// Drives Debian's chromium (never a downloaded browser) against the real sandbox page: jobdesk
// started without Slack credentials, on a free port, over a fresh test database.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Jobdesk, startJobdesk } from '../../src/app.ts';
import { testConfig } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `browser tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does)`;
}

export interface SandboxSession {
  app: Jobdesk;
  page: Page;
  /** Runs a step; on failure keeps a screenshot in test-results/ and rethrows. */
  step<T>(name: string, run: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function withoutFakeTime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && entry[0] !== 'LD_PRELOAD' && !entry[0].startsWith('FAKETIME'),
  );
  return Object.fromEntries(kept);
}

export async function openSandbox(
  viewport = { width: 1440, height: 900 },
): Promise<SandboxSession> {
  const database: TestDatabase = await createTestDatabase();
  const app = await startJobdesk(testConfig(), {
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    database,
    pollMs: 50,
    // Slack's one post a second per channel is not what these tests are about.
    pacing: { perSecond: 10_000, burst: 10_000 },
  });
  const profile = mkdtempSync(join(tmpdir(), 'jobdesk-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      // Chromium hangs under libfaketime (the CI run that moves the date a year ahead): it gets
      // the environment without it, and its own time zone and locale below.
      env: withoutFakeTime(process.env),
      viewport,
      timezoneId: 'Europe/Stockholm',
      locale: 'en-GB',
    });
  } catch (error) {
    await app.stop();
    await database.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const browser = context;
  return {
    app,
    page,
    async step(name, run) {
      try {
        return await run();
      } catch (error) {
        mkdirSync('test-results', { recursive: true });
        const file = join('test-results', `sandbox-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        throw Object.assign(error as Error, {
          message: `${(error as Error).message}\n(screenshot: ${file})`,
        });
      }
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
      await app.stop();
      await database.close();
    },
  };
}
