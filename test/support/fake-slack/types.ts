export type * from '../../../src/sandbox/slack/types.ts';
