import { and, inArray, isNull, type SQL } from 'drizzle-orm';
import { EXPIRABLE_STATUSES } from '../../domain/index.ts';
import { jobs } from '../schema.ts';

const EXPIRABLE = [...EXPIRABLE_STATUSES];

/**
 * "The deadline clock is running for this job", in SQL: the twin of the domain's `clockRuns`
 * (src/domain/deadlines.ts), so reminders, the expiry sweep and the lists ask what the cards show.
 * Nobody on the team has answered yet and the status is one the 72-hour clock can expire.
 */
export function clockRunsSql(): SQL {
  return and(isNull(jobs.firstResponseAt), inArray(jobs.status, EXPIRABLE)) as SQL;
}
