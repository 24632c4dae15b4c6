import { eq, sql } from 'drizzle-orm';
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
    async takeJobNumber(workspaceId) {
      const [row] = await db
        .update(workspaces)
        .set({ nextJobNumber: sql`${workspaces.nextJobNumber} + 1` })
        .where(eq(workspaces.id, workspaceId))
        .returning({ next: workspaces.nextJobNumber });
      if (!row) throw new Error(`workspace ${workspaceId} does not exist`);
      return row.next - 1;
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
