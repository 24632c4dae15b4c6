import { eq } from 'drizzle-orm';
import type { PreferencesRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { preferences } from '../schema.ts';

export function preferencesRepository(db: Db): PreferencesRepository {
  return {
    async find(workspaceId) {
      const [row] = await db
        .select()
        .from(preferences)
        .where(eq(preferences.workspaceId, workspaceId));
      if (!row) return undefined;
      return {
        availableForWork: row.availableForWork,
        shownInSearch: row.shownInSearch,
        worksWithDropshippers: row.worksWithDropshippers,
        notificationEmail: row.notificationEmail,
        services: row.services,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
      };
    },
    async save(workspaceId, prefs, by, at) {
      const values = { ...prefs, updatedBy: by, updatedAt: at };
      await db
        .insert(preferences)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: preferences.workspaceId, set: values });
    },
  };
}
