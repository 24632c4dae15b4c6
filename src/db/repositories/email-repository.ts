import { and, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { EmailRepository, StoredEmail } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { emails, emailThreads } from '../schema.ts';

type EmailRow = typeof emails.$inferSelect;

export function emailRepository(db: Db): EmailRepository {
  const one = async (where: ReturnType<typeof and>) => {
    const [row] = await db.select().from(emails).where(where).limit(1);
    return row ? toEmail(row) : undefined;
  };
  return {
    async insert(workspaceId, email) {
      const [row] = await db
        .insert(emails)
        .values({ workspaceId, ...email })
        .onConflictDoNothing()
        .returning();
      return row ? toEmail(row) : undefined;
    },
    findById(workspaceId, id) {
      return one(and(eq(emails.workspaceId, workspaceId), eq(emails.id, id)));
    },
    findByMessageId(workspaceId, messageId) {
      return one(and(eq(emails.workspaceId, workspaceId), eq(emails.messageId, messageId)));
    },
    findByChatMessage(workspaceId, chatMessageId) {
      return one(and(eq(emails.workspaceId, workspaceId), eq(emails.chatMessageId, chatMessageId)));
    },
    async findConversationByMessageIds(workspaceId, ids) {
      if (ids.length === 0) return undefined;
      const [row] = await db
        .select({ conversationId: emails.conversationId })
        .from(emails)
        .where(and(eq(emails.workspaceId, workspaceId), inArray(emails.messageId, ids)))
        .orderBy(desc(emails.id))
        .limit(1);
      return row?.conversationId ?? undefined;
    },
    async listForConversation(workspaceId, conversationId, limit) {
      const rows = await db
        .select()
        .from(emails)
        .where(and(eq(emails.workspaceId, workspaceId), eq(emails.conversationId, conversationId)))
        .orderBy(desc(emails.id))
        .limit(limit);
      return rows.reverse().map(toEmail);
    },
    async update(workspaceId, id, changes) {
      await db
        .update(emails)
        .set(changes)
        .where(and(eq(emails.workspaceId, workspaceId), eq(emails.id, id)));
    },
    async markNotDelivered(workspaceId, id, note) {
      const rows = await db
        .update(emails)
        .set({ delivery: 'not_delivered', deliveryNote: note })
        .where(
          and(
            eq(emails.workspaceId, workspaceId),
            eq(emails.id, id),
            or(isNull(emails.delivery), ne(emails.delivery, 'not_delivered')),
          ),
        )
        .returning({ id: emails.id });
      return rows.length > 0;
    },
    async tokenFor(workspaceId, conversationId, fresh) {
      const find = async () => {
        const [row] = await db
          .select({ token: emailThreads.token })
          .from(emailThreads)
          .where(eq(emailThreads.conversationId, conversationId));
        return row?.token;
      };
      const known = await find();
      if (known) return known;
      await db
        .insert(emailThreads)
        .values({ workspaceId, conversationId, token: fresh() })
        .onConflictDoNothing({ target: emailThreads.conversationId });
      // A concurrent first use may have won the insert: its token is the one.
      const token = await find();
      if (!token) throw new Error('email thread token was neither inserted nor found');
      return token;
    },
    async findConversationByToken(workspaceId, token) {
      const [row] = await db
        .select({ conversationId: emailThreads.conversationId })
        .from(emailThreads)
        .where(and(eq(emailThreads.workspaceId, workspaceId), eq(emailThreads.token, token)));
      return row?.conversationId;
    },
  };
}

function toEmail(row: EmailRow): StoredEmail {
  return {
    id: row.id,
    messageId: row.messageId,
    direction: row.direction,
    kind: row.kind,
    conversationId: row.conversationId,
    chatMessageId: row.chatMessageId,
    fromAddress: row.fromAddress,
    toAddress: row.toAddress,
    subject: row.subject,
    text: row.text,
    attachments: row.attachments,
    inReplyTo: row.inReplyTo,
    references: row.references,
    delivery: row.delivery,
    deliveryNote: row.deliveryNote,
    sentAt: row.sentAt,
  };
}
