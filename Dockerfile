# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript once, ship only production dependencies
# and compiled JavaScript. One image runs both processes (bot and worker);
# docker-compose.yml picks the command.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY core ./core
COPY runtime ./runtime
COPY bot ./bot
COPY worker ./worker
COPY cli ./cli
COPY sandbox ./sandbox
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# Chromium drives WhatsApp Web for the WhatsApp channel (whatsapp-web.js);
# puppeteer's own browser download is skipped (.puppeteerrc.cjs).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=true \
    WHATSAPP_BROWSER_PATH=/usr/bin/chromium
WORKDIR /app
COPY --from=build /app/package.json /app/.puppeteerrc.cjs ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The `node` user (uid 1000) ships with the base image; WhatsApp sessions live in /data.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080 8081
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bot/main.js"]
