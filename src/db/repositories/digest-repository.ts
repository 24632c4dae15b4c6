import type { DigestRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { digests } from '../schema.ts';

export function digestRepository(db: Db): DigestRepository {
  return {
    async claim(workspaceId, day, timeZone, at) {
      const rows = await db
        .insert(digests)
        .values({ workspaceId, day, timeZone, createdAt: at })
        .onConflictDoNothing()
        .returning({ day: digests.day });
      return rows.length === 1;
    },
  };
}
