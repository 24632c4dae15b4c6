// The local Slack sandbox that `npm start` runs without Slack credentials.

export { sandboxRoutes } from './routes.ts';
export { APP_NAME, Sandbox, type SandboxLinks, type SandboxOptions } from './sandbox.ts';
