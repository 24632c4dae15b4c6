// Public entry of the fake Slack Web API server (`@jobdesk/fake-slack`); import from here, not from the modules.

export {
  BLOCK_KIT_LIMITS,
  formatViolation,
  type Violation,
  validateMessage,
  validateView,
} from './block-kit-limits.ts';
export { buttonLabels, visibleText } from './block-text.ts';
export { type ElementRef, elementsOf, textOf, withGeneratedIds } from './block-walk.ts';
export type { Probe, WaitOptions } from './call-log.ts';
export { FakeSlack } from './fake-slack.ts';
export type { ChannelRateLimitOptions } from './rate-limit.ts';
export type { ChannelReader, MessageMatch } from './readers.ts';
export type { MessageRef, ResponseContext } from './response-urls.ts';
export type { SlackRequestHandler } from './transport.ts';
export type * from './types.ts';
export type { WorkspaceSnapshot } from './workspace.ts';
