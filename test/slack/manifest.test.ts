import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JOBS_COMMAND, MESSAGES_TAB_READ_ONLY } from '../../src/slack/ids.ts';

const root = new URL('../../', import.meta.url);
// Slack's published schema (slackapi/manifest-schema, MIT: see schema/LICENSE.manifest-schema),
// kept beside the test so it runs offline and from any checkout.
const schemaPath = new URL('schema/manifest.schema.1.0.0.json', import.meta.url);
const manifest = parse(readFileSync(new URL('manifest.yml', root), 'utf8'));

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')),
);

describe('manifest.yml', () => {
  it("is valid against Slack's manifest JSON Schema", () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be caught by the schema if it were broken', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].should_escape = 'yes';
    delete broken.display_information.name;
    expect(validate(broken)).toBe(false);
  });

  it('declares /jobs with escaping, interactivity, App Home and its event', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: JOBS_COMMAND, should_escape: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // What the sandbox's Messages tab follows.
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(MESSAGES_TAB_READ_ONLY);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('asks for the fewest scopes that work', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'im:write',
      // Read back only after a crash, to adopt a post instead of repeating it.
      'channels:history',
      'groups:history',
      'users:read',
    ]);
    // Every Slack surface points at the one endpoint Bolt serves.
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
  });
});
