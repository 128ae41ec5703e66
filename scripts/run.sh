#!/usr/bin/env bash
# Installs what is missing, builds, and starts the GUI; with arguments runs candlewick-cli instead.
#   scripts/run.sh                         the desktop application
#   scripts/run.sh fetch --symbol BTCUSDT --from 2024-03-01 --to 2024-06-01
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BUILD="${CANDLEWICK_BUILD_DIR:-$CANDLEWICK_ROOT/build}"
candlewick_build "$BUILD"
if [ $# -gt 0 ]; then
    exec "$BUILD/app/cli/candlewick-cli" "$@"
fi
exec "$BUILD/app/gui/candlewick"
