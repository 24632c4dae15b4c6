import { and, eq } from 'drizzle-orm';
import type { Merchant } from '../../domain/index.ts';
import type { MerchantRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { merchants } from '../schema.ts';

type MerchantRow = typeof merchants.$inferSelect;

export function merchantRepository(db: Db): MerchantRepository {
  return {
    async upsert(workspaceId, merchant) {
      // Optional fields the source left out keep what we knew; given ones replace it.
      const known = Object.fromEntries(
        Object.entries({
          email: merchant.email,
          storeDomain: merchant.storeDomain,
          storeName: merchant.storeName,
          dropshipper: merchant.dropshipper,
        }).filter(([, v]) => v !== undefined),
      );
      const [row] = await db
        .insert(merchants)
        .values({ workspaceId, sourceId: merchant.sourceId, name: merchant.name, ...known })
        .onConflictDoUpdate({
          target: [merchants.workspaceId, merchants.sourceId],
          set: { name: merchant.name, ...known, updatedAt: new Date() },
        })
        .returning();
      if (!row) throw new Error('upsert into merchants returned no row');
      return toMerchant(row);
    },
    async findById(workspaceId, id) {
      const [row] = await db
        .select()
        .from(merchants)
        .where(and(eq(merchants.workspaceId, workspaceId), eq(merchants.id, id)));
      return row ? toMerchant(row) : undefined;
    },
  };
}

function toMerchant(row: MerchantRow): Merchant {
  return {
    id: row.id,
    sourceId: row.sourceId,
    name: row.name,
    email: row.email,
    storeDomain: row.storeDomain,
    storeName: row.storeName,
    dropshipper: row.dropshipper,
  };
}
