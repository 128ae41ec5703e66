# Shared by run.sh and test.sh: install what is missing, configure and build.
# Usage: source scripts/common.sh; candlewick_build <build-dir> [cmake options...]

CANDLEWICK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

CANDLEWICK_PACKAGES=(
    cmake ninja-build g++ pkg-config lld
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-websockets-dev
    qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n
    qt6-qpa-plugins libgl-dev libsqlite3-dev libsimdjson-dev sqlite3 fonts-wqy-microhei
    postgresql-15 libpq-dev libzip-dev libisal-dev libssl-dev
)

candlewick_install_missing() {
    local missing=()
    for pkg in "${CANDLEWICK_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Builds the targets listed in the array CANDLEWICK_BUILD_TARGETS, or everything when it is unset.
candlewick_build() {
    local dir="$1"; shift
    candlewick_install_missing
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$CANDLEWICK_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >&2
    fi
    local targets=()
    [ -n "${CANDLEWICK_BUILD_TARGETS+set}" ] && targets=(--target "${CANDLEWICK_BUILD_TARGETS[@]}")
    cmake --build "$dir" -j"${CANDLEWICK_JOBS:-2}" "${targets[@]}" >&2
}
