import { eq } from 'drizzle-orm';
import type { WorkspaceRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { workspaces } from '../schema.ts';

export function workspaceRepository(db: Db): WorkspaceRepository {
  return {
    async ensure(workspaceId) {
      await db.insert(workspaces).values({ id: workspaceId }).onConflictDoNothing();
    },
    async createdAt(workspaceId) {
      const [row] = await db
        .select({ at: workspaces.createdAt })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      return row?.at;
    },
    async jobsChannel(workspaceId) {
      const [row] = await db
        .select({ channel: workspaces.jobsChannelId })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      return row?.channel ?? null;
    },
    async setJobsChannel(workspaceId, channelId) {
      await db
        .update(workspaces)
        .set({ jobsChannelId: channelId })
        .where(eq(workspaces.id, workspaceId));
    },
  };
}
