#!/usr/bin/env bash
# Builds and starts the Docker image's file set without a Docker engine (CI has none): replays the Dockerfile in a
# clean directory, one folder per stage standing for its root file system. COPY takes exactly the files Docker
# would (the named sources, less .dockerignore; --from another stage's folder), RUN runs in the stage's WORKDIR
# with its ENV, and the last stage's CMD is started with the environment the image gives it plus a Redis: the local
# one at REDIS_URL (default redis://127.0.0.1:6379) under a private key prefix, MIZAN_EMBEDDED_REDIS=0. It passes
# when /readyz answers 200 (the seed TM copied and loaded), the HEALTHCHECK command exits 0, and the server stops
# cleanly on SIGTERM. Its keys and the folder are removed afterwards (the folder is kept with --keep).
#
# What it cannot see: the base image itself (it uses this machine's node and npm), and file ownership (it checks
# instead that the user the image runs as could read every file, from the files' modes).
#
# usage: bash scripts/ci/image-fileset.sh [--keep]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
keep=0
[ "${1:-}" = "--keep" ] && keep=1
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
work=$(mktemp -d "${TMPDIR:-/tmp}/mizan-image.XXXXXX")
prefix="mizan-image-ci-$$:"
server=""

say() { printf '[image] %s\n' "$*"; }
die() {
  printf '[image] FAILED: %s\n' "$*" >&2
  exit 1
}

cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
  redis-cli -u "$redis_url" --scan --pattern "${prefix}*" 2>/dev/null | xargs -r redis-cli -u "$redis_url" unlink \
    >/dev/null 2>&1 || true
  if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# REDIS_URL as a message shows it: its password as *** (src/config/redis-url.ts does the same for mizan).
shown_url=$(printf '%s' "$redis_url" | sed -E 's#^([A-Za-z][A-Za-z0-9+.-]*://)?([^:@/]*):.*@#\1\2:***@#')
redis-cli -u "$redis_url" ping >/dev/null 2>&1 || die "no Redis answers at $shown_url (set REDIS_URL)"

# The Dockerfile as logical lines: continuations joined, comments and blank lines dropped.
mapfile -t lines < <(sed -e '/^[[:space:]]*#/d' "$root/Dockerfile" | sed -e ':a' -e '/\\$/{N;s/\\\n//;ba}' |
  sed -e '/^[[:space:]]*$/d')

# .dockerignore patterns (no `!` exceptions: this script does not implement them).
ignores=()
if [ -f "$root/.dockerignore" ]; then
  while IFS= read -r pattern || [ -n "$pattern" ]; do
    pattern=${pattern%%#*}
    pattern=$(printf '%s' "$pattern" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's#^/##' -e 's#/$##')
    [ -z "$pattern" ] && continue
    [ "${pattern:0:1}" = "!" ] && die ".dockerignore exceptions (!) are not supported by $0"
    ignores+=("$pattern")
  done <"$root/.dockerignore"
fi

# Whether a context-relative path, or a folder it is in, matches a .dockerignore pattern. Bash's [[ == ]] lets `*`
# cross `/`, so this excludes at least what Docker excludes for the patterns used here.
ignored() {
  local path=$1 prefix="" part pattern
  local IFS=/
  for part in $path; do
    prefix=${prefix:+$prefix/}$part
    for pattern in "${ignores[@]}"; do
      # shellcheck disable=SC2053 # the pattern is meant as a glob
      [[ $prefix == $pattern ]] && return 0
    done
  done
  return 1
}

json_args() { node -e 'for (const a of JSON.parse(process.argv[1])) process.stdout.write(a + "\0")' "$1"; }

declare -A stage_dir=()
stage=""
dir=""
workdir="/"
declare -A env=()
user=root
cmd_json=""
health_json=""
exposed=""
count=0

# COPY [--from=STAGE] SRC... DEST, with Docker's rules: a folder's contents go into DEST; several sources, or a
# DEST ending in /, mean DEST is a folder.
copy() {
  local from="" args=("$@")
  if [[ ${args[0]} == --from=* ]]; then
    from=${args[0]#--from=}
    args=("${args[@]:1}")
  fi
  [[ ${args[0]} == --* ]] && die "COPY option ${args[0]} is not supported"
  local dest=${args[-1]} sources=("${args[@]:0:${#args[@]}-1}")
  [[ $dest == /* ]] || dest="$workdir/$dest"
  local target="$dir$dest" into=0
  { [[ $dest == */ ]] || ((${#sources[@]} > 1)); } && into=1
  local src path
  for src in "${sources[@]}"; do
    if [ -n "$from" ]; then
      [ -n "${stage_dir[$from]:-}" ] || die "COPY --from=$from: no such stage"
      path="${stage_dir[$from]}$src"
    else
      src=${src#./}
      [[ $src == /* || $src == ..* ]] && die "COPY $src: outside the build context"
      ignored "$src" && die "COPY $src: excluded by .dockerignore, so Docker would not find it"
      path="$root/$src"
    fi
    [ -e "$path" ] || die "COPY $src: not found (Docker would fail here)"
    if [ -d "$path" ]; then
      mkdir -p "$target"
      cp -a "$path/." "$target/"
      if [ -z "$from" ]; then
        (cd "$path" && find . -mindepth 1 -print0) | while IFS= read -r -d '' rel; do
          rel=${rel#./}
          if ignored "$src/$rel"; then rm -rf "${target:?}/$rel"; fi
        done
      fi
    elif [ "$into" = 1 ] || [ -d "$target" ]; then
      mkdir -p "$target"
      cp -a "$path" "$target/"
    else
      mkdir -p "$(dirname "$target")"
      cp -a "$path" "$target"
    fi
  done
}

# The environment of the current stage as `env` assignments in $envs: its ENV, and from this shell only PATH (for
# this machine's node) and HOME (npm's cache, as a cache mount would give).
stage_env() {
  local k
  envs=("PATH=$PATH" "HOME=$HOME")
  for k in "${!env[@]}"; do envs+=("$k=${env[$k]}"); done
}

for line in "${lines[@]}"; do
  read -r instruction rest <<<"$line"
  instruction=${instruction^^}
  case $instruction in
    FROM)
      count=$((count + 1))
      stage=$(awk '{ if (tolower($2) == "as") print $3 }' <<<"$rest")
      dir="$work/stage-$count"
      mkdir -p "$dir"
      [ -n "$stage" ] && stage_dir[$stage]=$dir
      stage_dir[$((count - 1))]=$dir
      workdir="/"
      env=()
      user=root
      say "stage $count${stage:+ ($stage)} from ${rest%% *}"
      ;;
    WORKDIR)
      [[ $rest == /* ]] || rest="$workdir/$rest"
      workdir=$rest
      mkdir -p "$dir$workdir"
      ;;
    ENV)
      [[ $rest == *=* ]] || die "ENV without = is not supported: $line"
      for pair in $rest; do env[${pair%%=*}]=${pair#*=}; done
      ;;
    COPY)
      read -r -a words <<<"$rest"
      say "COPY ${words[*]}"
      copy "${words[@]}"
      ;;
    RUN)
      say "RUN $rest"
      stage_env
      env -i -C "$dir$workdir" "${envs[@]}" sh -c "$rest" || die "RUN $rest"
      ;;
    USER) user=$rest ;;
    EXPOSE) exposed=$rest ;;
    CMD)
      [[ $rest == \[* ]] || die "CMD in shell form is not supported"
      cmd_json=$rest
      ;;
    HEALTHCHECK)
      [[ $rest == *CMD\ \[* ]] || die "HEALTHCHECK needs CMD in exec form"
      health_json="[${rest#*CMD \[}"
      ;;
    *) die "instruction $instruction is not supported by $0 (extend it, or keep the Dockerfile to what it knows)" ;;
  esac
done
[ -n "$cmd_json" ] || die "no CMD"

app="$dir$workdir"
if [ "$user" != root ] && [ "$user" != 0 ]; then
  unreadable=$(find "$dir" \( -type f ! -perm -o=r \) -o \( -type d ! -perm -o=rx \) | head -5)
  [ -z "$unreadable" ] || die "the image runs as $user, who could not read: $unreadable"
fi
say "final stage: $(du -sh "$dir" | cut -f1) in $(find "$dir" -type f | wc -l) files; runs as $user, exposes $exposed"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
mapfile -d '' -t cmd < <(json_args "$cmd_json")
log="$work/server.log"
say "start: ${cmd[*]} (PORT=$port, key prefix $prefix)"
stage_env
env -i -C "$app" "${envs[@]}" PORT="$port" REDIS_URL="$redis_url" MIZAN_EMBEDDED_REDIS=0 MIZAN_KEY_PREFIX="$prefix" \
  "${cmd[@]}" >"$log" 2>&1 &
server=$!

ready=0
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  cat "$log" >&2
  die "/readyz did not answer 200"
fi
say "/readyz: $(curl -fsS "http://127.0.0.1:$port/readyz")"
curl -fsS "http://127.0.0.1:$port/" | grep -q 'src="/ui/assets/' || die "no web UI at / (dist/web not in the image?)"
say "web UI: / served"

if [ -n "$health_json" ]; then
  mapfile -d '' -t health < <(json_args "$health_json")
  env -i -C "$app" "${envs[@]}" PORT="$port" "${health[@]}" || die "the HEALTHCHECK command failed"
  say "HEALTHCHECK command: healthy"
fi

kill -TERM "$server" 2>/dev/null || true
for _ in $(seq 1 40); do
  kill -0 "$server" 2>/dev/null || break
  sleep 0.25
done
if kill -0 "$server" 2>/dev/null; then
  cat "$log" >&2
  die "the server did not stop within 10 s of SIGTERM"
fi
wait "$server" || true
server=""
say "image file set built, started, ready and stopped"
