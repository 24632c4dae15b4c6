import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import type { PeopleDirectory } from './people.ts';

/** What every Slack listener gets. */
export interface SlackDeps {
  services: Services;
  /** The installing workspace (Slack team id); only its people may act. */
  workspaceId: string;
  now: () => Date;
  logger: Logger;
  /** What Slack says about people (users.info, cached): who may act and who may be assigned. */
  people: PeopleDirectory;
}
