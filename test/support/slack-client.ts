// The signing Slack client lives in src/sandbox/client, where the local sandbox acts through it
// for the person at the browser; tests keep importing it from here.

export * from '../../src/sandbox/client/slack-client.ts';
