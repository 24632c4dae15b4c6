// The fake Slack Web API lives in src/sandbox/slack, where the local sandbox serves it to
// `npm start`; tests keep importing it from here.

export * from '../../../src/sandbox/slack/index.ts';
