// Public entry of the signing Slack client (`@jobdesk/fake-slack/client`): the client, and the
// payload builders and request signing it is made of, for callers that send by hand (replays,
// the benchmarks).

export { commandForm, viewSubmissionPayload } from './payloads.ts';
export { signedHeaders } from './signing.ts';
export * from './slack-client.ts';
export { buildState } from './view-state.ts';
