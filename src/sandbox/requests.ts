// What the page may ask the sandbox to do, checked before anything reaches the app.

import { z } from 'zod';
import { findPerson } from './people.ts';

const person = z
  .string()
  .refine((id) => findPerson(id) !== undefined, 'not a person of the sandbox');

const fieldValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
/** block_id → { action_id → value }, as the page reads a modal or a message's pickers. */
const fieldValues = z.record(z.string(), z.union([fieldValue, z.record(z.string(), fieldValue)]));

const surface = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), channel: z.string(), ts: z.string() }),
  z.object({ kind: z.literal('ephemeral'), ts: z.string() }),
  z.object({ kind: z.literal('view'), viewId: z.string() }),
]);

export const actRequest = z.discriminatedUnion('type', [
  /** A slash command typed in a channel or in the DM with the app ('dm'). */
  z.object({
    type: z.literal('command'),
    as: person,
    channel: z.string(),
    text: z.string().min(1).max(4000),
  }),
  z.object({
    type: z.literal('message'),
    as: person,
    channel: z.string(),
    text: z.string().min(1).max(40_000),
    threadTs: z.string().optional(),
  }),
  /** A button, an overflow option, or a choice in a picker. */
  z.object({
    type: z.literal('action'),
    as: person,
    surface,
    blockId: z.string(),
    actionId: z.string(),
    option: z.string().optional(),
    choice: fieldValue.optional(),
    values: fieldValues.optional(),
  }),
  z.object({ type: z.literal('submit'), as: person, viewId: z.string(), values: fieldValues }),
  z.object({ type: z.literal('close'), as: person, viewId: z.string() }),
  z.object({ type: z.literal('home'), as: person, tab: z.enum(['home', 'messages']) }),
  z.object({ type: z.literal('dismiss'), as: person, ts: z.string() }),
]);
export type ActRequest = z.infer<typeof actRequest>;

/** Up to 30 days ahead at a time, or back to real time. */
export const clockRequest = z.union([
  z.object({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60),
  }),
  z.object({ backToNow: z.literal(true) }),
]);

export const stateQuery = z.object({
  /** Unset on a first visit (nothing stored, no `?as=`): the page shows the first person. */
  as: person.optional(),
  pane: z.string().default('jobs'),
  thread: z.string().optional(),
  tz: z.string().default('UTC'),
  locale: z.string().max(35).optional(),
  /** A ts, or `now`: only ephemerals newer than it are shown (a page reload drops the rest). */
  ephemeralsAfter: z
    .string()
    .regex(/^(now|\d{1,12}\.\d{6})$/)
    .optional(),
});
