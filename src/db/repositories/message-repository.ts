import { and, asc, count, eq } from 'drizzle-orm';
import type { Message } from '../../domain/index.ts';
import type { MessageRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { messages } from '../schema.ts';

type MessageRow = typeof messages.$inferSelect;

export function messageRepository(db: Db): MessageRepository {
  return {
    async insert(workspaceId, message) {
      const [row] = await db
        .insert(messages)
        .values({ workspaceId, ...message })
        .onConflictDoNothing()
        .returning();
      if (row) return { message: toMessage(row), inserted: true };
      // Only a repeated source id conflicts: hand back the message we already have.
      const [existing] = await db
        .select()
        .from(messages)
        .where(
          and(eq(messages.workspaceId, workspaceId), eq(messages.sourceId, message.sourceId ?? '')),
        );
      if (!existing) throw new Error('message insert conflicted but no message has its source id');
      return { message: toMessage(existing), inserted: false };
    },
    async listForConversation(workspaceId, conversationId, page) {
      const where = and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(messages)
          .where(where)
          .orderBy(asc(messages.sentAt), asc(messages.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(messages).where(where),
      ]);
      return { messages: rows.map(toMessage), total: total?.n ?? 0 };
    },
    async findBySourceId(workspaceId, sourceId) {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.sourceId, sourceId)));
      return row ? toMessage(row) : undefined;
    },
    async findById(workspaceId, id) {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)));
      return row ? toMessage(row) : undefined;
    },
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    jobId: row.jobId,
    direction: row.direction,
    authorUserId: row.authorUserId,
    body: row.body,
    sourceId: row.sourceId,
    sentAt: row.sentAt,
  };
}
