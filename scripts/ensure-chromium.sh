#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when the machine has none.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
