import { and, eq } from 'drizzle-orm';
import type { Conversation } from '../../domain/index.ts';
import type { ConversationRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { conversations } from '../schema.ts';

type ConversationRow = typeof conversations.$inferSelect;

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async findBySourceId(workspaceId, sourceId) {
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(eq(conversations.workspaceId, workspaceId), eq(conversations.sourceId, sourceId)),
        );
      return row ? toConversation(row) : undefined;
    },
    async findById(workspaceId, id, lock) {
      const query = db
        .select()
        .from(conversations)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
      const [row] = lock ? await query.for('update') : await query;
      return row ? toConversation(row) : undefined;
    },
    async upsert(workspaceId, sourceId, merchantId) {
      // DO UPDATE (a no-op) rather than DO NOTHING so that RETURNING yields the existing row too.
      const [row] = await db
        .insert(conversations)
        .values({ workspaceId, sourceId, merchantId })
        .onConflictDoUpdate({
          target: [conversations.workspaceId, conversations.sourceId],
          set: { sourceId },
        })
        .returning();
      if (!row) throw new Error('upsert into conversations returned no row');
      return toConversation(row);
    },
    async update(workspaceId, id, changes) {
      await db
        .update(conversations)
        .set(changes)
        .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
    },
  };
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    sourceId: row.sourceId,
    merchantId: row.merchantId,
    declinedAt: row.declinedAt,
    declinedBy: row.declinedBy,
    cardChannelId: row.cardChannelId,
    cardTs: row.cardTs,
  };
}
