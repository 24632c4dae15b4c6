import type { Repositories, Store } from '../services/ports.ts';
import type { Db } from './client.ts';
import { withoutParameters } from './errors.ts';
import { conversationRepository } from './repositories/conversation-repository.ts';
import { deadlineRepository } from './repositories/deadline-repository.ts';
import { digestRepository } from './repositories/digest-repository.ts';
import { emailRepository } from './repositories/email-repository.ts';
import { intakeEventRepository } from './repositories/intake-event-repository.ts';
import { jobEventRepository } from './repositories/job-event-repository.ts';
import { jobRepository } from './repositories/job-repository.ts';
import { memberRepository } from './repositories/member-repository.ts';
import { merchantRepository } from './repositories/merchant-repository.ts';
import { messageRepository } from './repositories/message-repository.ts';
import { outboxRepository } from './repositories/outbox-repository.ts';
import { preferencesRepository } from './repositories/preferences-repository.ts';
import { proposalRepository } from './repositories/proposal-repository.ts';
import { workspaceRepository } from './repositories/workspace-repository.ts';
import { realTime, type WallClock } from './wall-clock.ts';

export function repositories(db: Db, wallClock: WallClock = realTime): Repositories {
  return {
    workspaces: workspaceRepository(db),
    members: memberRepository(db),
    merchants: merchantRepository(db),
    conversations: conversationRepository(db),
    jobs: jobRepository(db),
    messages: messageRepository(db),
    proposals: proposalRepository(db),
    events: jobEventRepository(db),
    preferences: preferencesRepository(db),
    intake: intakeEventRepository(db),
    outbox: outboxRepository(db, wallClock),
    deadlines: deadlineRepository(db),
    digests: digestRepository(db),
    emails: emailRepository(db),
  };
}

/**
 * Every unit of work is a transaction, reads included, so each one works on one connection and
 * one consistent state.
 */
export function drizzleStore(
  db: Db,
  options: { onCommit?: () => void; wallClock?: WallClock } = {},
): Store {
  return {
    async transaction(work) {
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await db.transaction((tx) =>
          work(repositories(tx as unknown as Db, options.wallClock)),
        );
      } catch (error) {
        // Whatever catches and logs this must never see the parameters of a failed write.
        throw withoutParameters(error);
      }
      // Lets the outbox worker deliver what this transaction wrote without waiting for a poll.
      options.onCommit?.();
      return result;
    },
  };
}
