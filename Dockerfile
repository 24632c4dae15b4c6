# jobdesk: build with the dev dependencies, run with the production ones only, as a non-root user.
# `scripts/container-recipe-check.sh` does what these stages do outside Docker (CI runs it), and
# copies exactly the paths the runtime stage's `COPY --from=build` lines name.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The install runs scripts/patch-postgres.mjs (postinstall), so it comes with the manifests; the
# workspace packages' manifests come too, since npm ci links them into node_modules.
COPY package.json package-lock.json ./
COPY packages/fake-slack/package.json packages/fake-slack/
COPY scripts/patch-postgres.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The workspace packages: node_modules/@jobdesk/* link here, and their dist/ is what the sandbox loads.
COPY --from=build /app/packages ./packages
COPY --from=build /app/drizzle ./drizzle
# DATA_DIR: the embedded PostgreSQL (when DATABASE_URL is unset), the generated intake secret and
# the sandbox's state. Mount a volume here to keep them.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Plain node as PID 1's only process: `docker stop` (SIGTERM) reaches jobdesk, which stops
# gracefully (deliveries in flight finish, the embedded database shuts down) within 25 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
