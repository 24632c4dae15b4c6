import type { Ineligibility } from './permissions.ts';
import type { Preferences } from './preferences.ts';
import type { JobStatus } from './status.ts';
import type { JobFacts } from './transitions.ts';

/** What the rest of the app knows about records; repositories map rows to these. */

export type Writer = 'merchant' | 'team';

export interface Money {
  amount: string;
  currency: string;
}

export interface Merchant {
  id: number;
  sourceId: string;
  name: string;
  email: string | null;
  storeDomain: string | null;
  storeName: string | null;
  dropshipper: boolean | null;
}

export interface Conversation {
  id: number;
  workspaceId: string;
  sourceId: string;
  merchantId: number;
  declinedAt: Date | null;
  declinedBy: string | null;
  cardChannelId: string | null;
  cardTs: string | null;
}

export interface Job extends JobFacts {
  id: number;
  workspaceId: string;
  sourceId: string | null;
  conversationId: number;
  merchantId: number;
  title: string;
  description: string | null;
  service: string | null;
  budget: Money | null;
  version: number;
  sourceCreatedAt: Date;
  createdAt: Date;
  createdBy: string | null;
  openedAt: Date | null;
  lastMessageAt: Date | null;
  closedAt: Date | null;
  declineReason: string | null;
  declineNote: string | null;
  declinedBy: Writer | null;
  reviewRequested: boolean;
  cardChannelId: string | null;
  cardTs: string | null;
  assignees: string[];
}

export interface Message {
  id: number;
  conversationId: number;
  jobId: number | null;
  direction: Writer;
  authorUserId: string | null;
  body: string;
  sourceId: string | null;
  sentAt: Date;
}

export interface Proposal {
  id: number;
  conversationId: number;
  sourceId: string;
  title: string;
  amount: string | null;
  currency: string | null;
  storeChoice: 'new' | 'existing';
  jobId: number | null;
  acceptedAt: Date;
}

export type Role = 'admin' | 'member';

export interface NotificationSettings {
  onAssignment: boolean;
  onMessage: boolean;
  onStatusChange: boolean;
  onDeadline: boolean;
}

export interface Member {
  userId: string;
  role: Role;
  notifications: NotificationSettings;
  /** Set when Slack last said this person may not act (deactivated, guest…): no DMs then. */
  cannotAct: Ineligibility | null;
}

/** One line of a job's audit log. `actor` is a Slack user id, `merchant`, `intake` or `system`. */
export interface JobEvent {
  id: number;
  jobId: number | null;
  conversationId: number | null;
  actor: string;
  action: string;
  fromStatus: JobStatus | null;
  toStatus: JobStatus | null;
  at: Date;
  details: Record<string, unknown>;
}

export interface TeamPreferences extends Preferences {
  updatedBy: string | null;
  updatedAt: Date | null;
}
