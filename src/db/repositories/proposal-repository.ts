import { and, asc, eq } from 'drizzle-orm';
import type { Proposal } from '../../domain/index.ts';
import type { ProposalRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { proposals } from '../schema.ts';

type ProposalRow = typeof proposals.$inferSelect;

export function proposalRepository(db: Db): ProposalRepository {
  return {
    async insert(workspaceId, proposal) {
      const [row] = await db
        .insert(proposals)
        .values({ workspaceId, ...proposal })
        .returning();
      if (!row) throw new Error('insert into proposals returned no row');
      return toProposal(row);
    },
    async findBySourceId(workspaceId, sourceId) {
      const [row] = await db
        .select()
        .from(proposals)
        .where(and(eq(proposals.workspaceId, workspaceId), eq(proposals.sourceId, sourceId)));
      return row ? toProposal(row) : undefined;
    },
    async findById(workspaceId, id) {
      const [row] = await db
        .select()
        .from(proposals)
        .where(and(eq(proposals.workspaceId, workspaceId), eq(proposals.id, id)));
      return row ? toProposal(row) : undefined;
    },
    async listForConversation(workspaceId, conversationId) {
      const rows = await db
        .select()
        .from(proposals)
        .where(
          and(eq(proposals.workspaceId, workspaceId), eq(proposals.conversationId, conversationId)),
        )
        .orderBy(asc(proposals.acceptedAt));
      return rows.map(toProposal);
    },
  };
}

function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sourceId: row.sourceId,
    title: row.title,
    amount: row.amount,
    currency: row.currency,
    storeChoice: row.storeChoice,
    jobId: row.jobId,
    acceptedAt: row.acceptedAt,
  };
}
