# Self-hosted SalesReady: the compiled Node server and the built web app on node:20-slim.
#   docker build -t salesready .
#   docker run -p 3000:3000 -e PUBLIC_URL=https://pipeline.example.com -e DATABASE_URL=postgres://user:pass@db:5432/salesready salesready
# Without DATABASE_URL it runs the embedded database in the /data volume.
# test/serverless/dockerfile.test.ts checks what it copies and runs against the repository.

FROM node:20-slim AS build
WORKDIR /app
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.json tsconfig.base.json ./
COPY api/package.json api/
COPY db/package.json db/
COPY web/package.json web/
COPY test/package.json test/
RUN pnpm install --frozen-lockfile
COPY api api
COPY db db
COPY web web
RUN pnpm build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY api/package.json api/
COPY db/package.json db/
COPY web/package.json web/
COPY test/package.json test/
# Only what the server imports at run time: the API's and the database package's production dependencies.
RUN pnpm install --frozen-lockfile --prod --filter @salesready/api... && pnpm store prune
COPY --from=build /app/api/dist/node api/dist/node
COPY --from=build /app/web/dist web/dist
COPY db/migrations db/migrations
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "--enable-source-maps", "api/dist/node/index.mjs"]
