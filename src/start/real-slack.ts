import type { Config, SlackConfig } from '../config.ts';
import { fetchIdentity } from '../slack/identity.ts';
import type { SlackEnvironment } from './slack-environment.ts';

/** Slack itself (or SLACK_API_URL), with the credentials of the config. */
export function realSlack(
  config: Config,
  slack: SlackConfig,
  now: (() => Date) | undefined,
): SlackEnvironment {
  return {
    now: now ?? (() => new Date()),
    admins: [],
    jobsChannel: undefined,
    email: config.email,
    routes: [],
    async connect(port) {
      return { slack, identity: await fetchIdentity(slack), port };
    },
    settle() {},
    started() {},
    async stop() {},
    bannerLine(url, identity) {
      const how = slack.appToken ? 'over Socket Mode' : `(events at ${url}/slack/events)`;
      return `Slack: connected to ${identity.teamName ?? identity.teamId} ${how}`;
    },
  };
}
