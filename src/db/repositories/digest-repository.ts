import { desc, eq } from 'drizzle-orm';
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

    async latest(workspaceId) {
      const [row] = await db
        .select({ day: digests.day, at: digests.createdAt })
        .from(digests)
        .where(eq(digests.workspaceId, workspaceId))
        .orderBy(desc(digests.createdAt))
        .limit(1);
      return row;
    },
  };
}
