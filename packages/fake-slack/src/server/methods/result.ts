// What every Web API handler returns and receives. Handlers are synchronous and pure apart
// from the state they are given; HTTP, auth, recording and faults live in the server.

import { formatViolation, type Violation } from '../block-kit-limits.ts';
import type { JsonObject } from '../types.ts';
import type { ViewRegistry } from '../view-registry.ts';
import type { Workspace } from '../workspace.ts';

export type ApiResult = JsonObject & { ok: boolean; error?: string };

export interface ApiContext {
  ws: Workspace;
  views: ViewRegistry;
}

export type Handler = (ctx: ApiContext, args: JsonObject) => ApiResult;

export function ok(fields: JsonObject = {}): ApiResult {
  return { ok: true, ...fields };
}

/** Slack's error answer; `messages` go to response_metadata like Slack's "[ERROR] …" lines. */
export function fail(error: string, messages?: string[]): ApiResult {
  return messages?.length
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };
}

/** The first violation decides the error code; all of them are listed. */
export function failWith(violations: Violation[]): ApiResult {
  const first = violations[0];
  return fail(first?.error ?? 'invalid_arguments', violations.map(formatViolation));
}

export function isApiResult(v: unknown): v is ApiResult {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof v.ok === 'boolean';
}

/** Form bodies carry every value as a string, so booleans arrive as 'true' / '1'. */
export function flag(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Handlers hand out copies so callers can never mutate the fake's state. */
export function copy<T>(v: T): T {
  return structuredClone(v);
}
