import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Route {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * A plain HTTP server for a process that does not answer Slack (JOBDESK_ROLE=worker): it serves
 * only its health and metrics routes, so a container's health check works the same everywhere.
 */
export async function serveRoutes(routes: Route[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find(
      (r) => r.path === path && [r.method].flat().includes(req.method ?? 'GET'),
    );
    if (route) {
      route.handler(req, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(
      'Not found: this jobdesk process is a worker (JOBDESK_ROLE=worker); it serves /healthz and /metrics\n',
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}
