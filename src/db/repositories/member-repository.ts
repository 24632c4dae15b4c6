import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { isIneligibility, type Member } from '../../domain/index.ts';
import type { MemberRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { members } from '../schema.ts';

type MemberRow = typeof members.$inferSelect;

export function memberRepository(db: Db): MemberRepository {
  const byId = (workspaceId: string, userId: string) =>
    and(eq(members.workspaceId, workspaceId), eq(members.userId, userId));

  return {
    async findById(workspaceId, userId) {
      const [row] = await db.select().from(members).where(byId(workspaceId, userId));
      return row ? toMember(row) : undefined;
    },
    async findMany(workspaceId, userIds) {
      if (userIds.length === 0) return [];
      const rows = await db
        .select()
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), inArray(members.userId, userIds)));
      const known = new Map(rows.map((r) => [r.userId, toMember(r)]));
      return userIds.map((userId) => known.get(userId) ?? defaultMember(userId));
    },
    async setRole(workspaceId, userId, role) {
      await db
        .insert(members)
        .values({ workspaceId, userId, role })
        .onConflictDoUpdate({
          target: [members.workspaceId, members.userId],
          set: { role, updatedAt: new Date() },
        });
    },
    async setNotifications(workspaceId, userId, settings) {
      const values = {
        notifyOnAssignment: settings.onAssignment,
        notifyOnMessage: settings.onMessage,
        notifyOnStatusChange: settings.onStatusChange,
        notifyOnDeadline: settings.onDeadline,
      };
      const [row] = await db
        .insert(members)
        .values({ workspaceId, userId, ...values })
        .onConflictDoUpdate({
          target: [members.workspaceId, members.userId],
          set: { ...values, updatedAt: new Date() },
        })
        .returning();
      if (!row) throw new Error('upsert into members returned no row');
      return toMember(row);
    },
    async setCannotAct(workspaceId, userId, reason) {
      if (reason === null) {
        const cleared = await db
          .update(members)
          .set({ cannotAct: null, updatedAt: new Date() })
          .where(and(byId(workspaceId, userId), isNotNull(members.cannotAct)))
          .returning({ userId: members.userId });
        return cleared.length > 0;
      }
      const changed = await db
        .insert(members)
        .values({ workspaceId, userId, cannotAct: reason })
        .onConflictDoUpdate({
          target: [members.workspaceId, members.userId],
          set: { cannotAct: reason, updatedAt: new Date() },
          setWhere: sql`${members.cannotAct} is distinct from ${reason}`,
        })
        .returning({ userId: members.userId });
      return changed.length > 0;
    },
    async listAdmins(workspaceId) {
      const rows = await db
        .select({ userId: members.userId })
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'admin')))
        .orderBy(members.userId);
      return rows.map((r) => r.userId);
    },
  };
}

function toMember(row: MemberRow): Member {
  return {
    userId: row.userId,
    role: row.role,
    notifications: {
      onAssignment: row.notifyOnAssignment,
      onMessage: row.notifyOnMessage,
      onStatusChange: row.notifyOnStatusChange,
      onDeadline: row.notifyOnDeadline,
    },
    cannotAct: isIneligibility(row.cannotAct) ? row.cannotAct : null,
  };
}

/** Anyone of the workspace who has not been seen yet: a member with every DM on. */
export function defaultMember(userId: string): Member {
  return {
    userId,
    role: 'member',
    notifications: { onAssignment: true, onMessage: true, onStatusChange: true, onDeadline: true },
    cannotAct: null,
  };
}
