#!/usr/bin/env bash
# Concurrency Lab's one entry point for developers and CI on Debian 12.
#   packaging/dev.sh run [conlab args...]   install what is missing, build, open the app
#   packaging/dev.sh test                   install what is missing, build, run every test
#   packaging/dev.sh build                  install what is missing and build
# Idempotent: packages are installed only when missing, the build is incremental.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=build/dev

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    libgl-dev liburing-dev libbenchmark-dev libcpp-httplib-dev libboost-dev libboost-context-dev libzstd-dev python3
    fonts-noto-cjk qt6-translations-l10n
    xvfb xauth
)

install_missing() {
    local missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "dev.sh: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake --preset dev
    fi
    cmake --build "$build_dir" -j2
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
    run)
        install_missing
        build
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "dev.sh: no display found; opening the window inside a virtual X server (xvfb-run)" >&2
            exec xvfb-run -a "$build_dir/bin/conlab" "$@"
        fi
        exec "$build_dir/bin/conlab" "$@"
        ;;
    test)
        install_missing
        build
        QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" --output-on-failure -j2 "$@"
        ;;
    build)
        install_missing
        build
        ;;
    *)
        echo "usage: packaging/dev.sh run|test|build" >&2
        exit 2
        ;;
esac
