# Leerkans as a container: Node 20 on Debian slim, production dependencies only, running as the unprivileged
# `node` user. TypeScript runs through tsx (a runtime dependency), so there is no build step.
# Build: docker build -t leerkans .   Run: see compose.yaml and the README ("Running it on a server").

FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs an install script at run time (esbuild ships its binary as a package).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    LEERKANS_DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY app ./app
COPY bot ./bot
COPY adapters ./adapters
COPY cards ./cards
COPY db ./db
COPY prompts ./prompts
COPY manifest ./manifest
COPY assets ./assets
# A migrated empty embedded database to start /data from (a first start without initdb; unused on PostgreSQL).
RUN node bin/prepare.js
# The embedded database lives in /data (a volume); the code stays owned by root, read-only for the app.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "bin/server.js"]
