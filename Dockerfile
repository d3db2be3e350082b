# Build stage: compile TypeScript with the full dev toolchain.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
RUN npm run build

# Runtime stage: production dependencies and the compiled server only, as a non-root user.
FROM node:20-bookworm-slim AS runtime
# HOST=0.0.0.0: inside a container the published port reaches the server only on its
# external interface (outside Docker the default is 127.0.0.1).
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# DATABASE_URL must point at PostgreSQL; the embedded database is for local development only.
# The first API key: set ADMIN_API_KEY, or
#   docker exec <container> node dist/src/auth/keys.cli.js create --name ops --scopes admin
# SIGTERM (docker stop) drains in-flight requests; give it more than SHUTDOWN_TIMEOUT_MS
# (docker stop -t, Kubernetes terminationGracePeriodSeconds).
CMD ["node", "dist/src/main.js"]
