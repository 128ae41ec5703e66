#!/usr/bin/env bash
# Installs ccxt for the ccxt comparisons (fetch_vs_ccxt in candlewick-bench-history, live_vs_ccxt
# in candlewick-bench-live) into bench/ccxt/node_modules (not committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -d node_modules/ccxt ] || npm install --no-save --no-package-lock --no-audit --no-fund ccxt@4.5.84
