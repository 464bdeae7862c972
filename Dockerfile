# Sourcelight's container image (README "Running in production").
#   docker build -t sourcelight .       docker compose up   (compose.yaml: with PostgreSQL)
# Three stages: the dependencies, the build (Next.js standalone output), and a runtime
# that runs as an unprivileged user with the production entry point as PID 1.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/lockfile-platform-stubs.mjs ./scripts/
COPY prisma/schema.prisma ./prisma/schema.prisma
COPY prisma.config.ts ./
# Everything, dev dependencies included: the build needs them.
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/build.ts \
 && cp -r .next/static .next/standalone/.next/static
# What runs in production: dependencies only (the migrations, tsx and the start script
# need them beside the standalone server's own traced node_modules).
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    SOURCELIGHT_NO_BUILD=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    SOURCELIGHT_DATA_DIR=/app/.data
COPY --from=build --chown=node:node /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/scripts ./scripts
COPY --from=build --chown=node:node /app/seeds ./seeds
COPY --from=build --chown=node:node /app/.next/BUILD_ID ./.next/BUILD_ID
COPY --from=build --chown=node:node /app/.next/standalone ./.next/standalone
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
# One process, no npm, sh or tsx CLI in between: SIGTERM from `docker stop` reaches it.
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/start.ts"]
