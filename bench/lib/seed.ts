import postgres from 'postgres';

/**
 * A workspace at scale, written with a handful of INSERT … SELECT FROM generate_series statements
 * (100,000 jobs in a few seconds) instead of through the API. Ids are the series numbers, so job
 * `J-n` has id n, conversation n and merchant 1 + n % merchants.
 */
export interface SeedOptions {
  workspaceId: string;
  jobsChannel: string;
  jobs: number;
  members: number;
  /** Jobs whose 72 hours ran out with nobody answering: what the expiry sweep has to do. */
  dueJobs: number;
  /** Open jobs whose clock still runs (some of them due within 24 hours). */
  openJobs: number;
  /** Answered jobs still open (`responded`, `inactive`). */
  answeredJobs: number;
  merchants: number;
  now: Date;
}

export const SEED_DEFAULTS: Omit<SeedOptions, 'workspaceId' | 'jobsChannel' | 'now'> = {
  jobs: 100_000,
  members: 50,
  dueJobs: 10_000,
  openJobs: 2_000,
  answeredJobs: 8_000,
  merchants: 20_000,
};

export const memberId = (i: number) => `UB${String(i).padStart(4, '0')}`;

/** The job ids of each kind, as seeded. */
export function seededRanges(o: Pick<SeedOptions, 'dueJobs' | 'openJobs' | 'answeredJobs'>) {
  const due = { from: 1, to: o.dueJobs };
  const open = { from: o.dueJobs + 1, to: o.dueJobs + o.openJobs };
  const answered = { from: open.to + 1, to: open.to + o.answeredJobs };
  return { due, open, answered, closedFrom: answered.to + 1 };
}

export async function seedWorkspace(url: string, o: SeedOptions): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const { due, open, answered } = seededRanges(o);
  const now = o.now.toISOString();
  const ws = o.workspaceId;
  try {
    await sql.begin(async (tx) => {
      await tx`insert into workspaces (id, name, jobs_channel_id, next_job_number)
        values (${ws}, 'bench agency', ${o.jobsChannel}, ${o.jobs + 1})`;
      await tx`insert into members (workspace_id, user_id, role)
        select ${ws}, 'UB' || lpad(g::text, 4, '0'), case when g = 0 then 'admin' else 'member' end
        from generate_series(0, ${o.members - 1}) g`;
      await tx`insert into merchants
          (id, workspace_id, source_id, name, email, store_domain, store_name, dropshipper)
        overriding system value
        select g, ${ws}, 'm_' || g, 'Merchant ' || g, 'm' || g || '@example.com',
          'shop' || g || '.myshopify.com', 'Shop ' || g, g % 10 = 0
        from generate_series(1, ${o.merchants}) g`;
      await tx`insert into conversations (id, workspace_id, source_id, merchant_id) overriding system value
        select g, ${ws}, 'conv_' || g, 1 + g % ${o.merchants} from generate_series(1, ${o.jobs}) g`;
      // Per kind: when the source created it, its status, when it was first answered, closed.
      await tx`insert into jobs (
          id, workspace_id, number, source_id, conversation_id, merchant_id, title, description,
          service, budget_amount, budget_currency, status, source_created_at, created_at,
          opened_at, first_response_at, last_writer, last_message_at, expires_at, closed_at,
          decline_reason, declined_by)
        overriding system value
        select g, ${ws}, g, 'job_' || g, g, 1 + g % ${o.merchants},
          'Job ' || g || ': speed up the theme and fix the cart drawer',
          'The merchant wants a faster theme. ' || repeat('Details. ', 20),
          (array['Theme customization', 'Store setup', 'Apps and integrations', 'SEO',
                 'Migration', 'Custom development'])[1 + g % 6],
          ((g % 40 + 1) * 100)::text || '.00', 'USD',
          k.status, k.created, k.created, k.opened, k.answered,
          case when k.answered is not null then 'team' end, k.answered, k.created + interval '72 hours',
          k.closed, case when k.status = 'declined' then 'Too small' end,
          case when k.status = 'declined' then 'team' end
        from generate_series(1, ${o.jobs}) g
        cross join lateral (
          select s.status, s.created,
            case when s.status <> 'new' then s.created + interval '1 hour' end as opened,
            case when s.status in ('responded', 'inactive', 'completed', 'declined')
              then s.created + interval '2 hours' end as answered,
            case when s.status in ('completed', 'declined') then s.created + interval '10 days'
                 when s.status = 'expired' then s.created + interval '72 hours' end as closed
          from (select
            case
              when g <= ${open.to} then (array['new', 'new', 'new', 'opened', 'awaiting_response'])[1 + g % 5]
              when g <= ${answered.to} then (array['responded', 'responded', 'inactive'])[1 + g % 3]
              else (array['completed', 'completed', 'declined', 'expired'])[1 + g % 4]
            end as status,
            case
              -- due: expired 1 minute to 48 hours ago
              when g <= ${due.to} then ${now}::timestamptz - interval '72 hours' - ((1 + g % 2880) * interval '1 minute')
              -- open: expires within the next 72 hours
              when g <= ${open.to} then ${now}::timestamptz - interval '72 hours' + ((1 + g % 4319) * interval '1 minute')
              when g <= ${answered.to} then ${now}::timestamptz - ((g % 60) * interval '1 day') - interval '3 hours'
              else ${now}::timestamptz - interval '60 days' - ((g % 300) * interval '1 day')
            end as created) s
        ) k`;
      // Every job but half the new ones has an assignee; every third a second one.
      await tx`insert into job_assignees (workspace_id, job_id, user_id, assigned_by, assigned_at)
        select ${ws}, j.id, 'UB' || lpad((j.id % ${o.members})::text, 4, '0'), 'UB0000', j.source_created_at
        from jobs j where not (j.status = 'new' and j.id % 2 = 0)`;
      await tx`insert into job_assignees (workspace_id, job_id, user_id, assigned_by, assigned_at)
        select ${ws}, j.id, 'UB' || lpad(((j.id * 7 + 3) % ${o.members})::text, 4, '0'), 'UB0000',
          j.source_created_at + interval '1 minute'
        from jobs j where j.id % 3 = 0 and not (j.status = 'new' and j.id % 2 = 0)
        on conflict do nothing`;
      await tx`insert into job_events (workspace_id, job_id, conversation_id, actor, action, to_status, at)
        select ${ws}, j.id, j.conversation_id, 'intake', 'create', 'new', j.source_created_at from jobs j`;
      // Everyone looked at their App Home within the last day, so changes refresh it.
      await tx`insert into job_events (workspace_id, actor, action, at)
        select ${ws}, user_id, 'home_opened', ${now}::timestamptz - interval '1 hour' from members`;
      for (const table of ['merchants', 'conversations', 'jobs', 'job_events']) {
        await tx.unsafe(
          `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
        );
      }
    });
    await sql`vacuum analyze`;
  } finally {
    await sql.end();
  }
}
