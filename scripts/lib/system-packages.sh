# shellcheck shell=bash
# Installs the Debian packages the build needs when they are missing. Source this file.
#   ensure_system_packages   # libmariadb-dev, libopenblas-dev, pkg-config, python3-venv

ensure_system_packages() {
    local missing=()
    pkg-config --exists libmariadb 2>/dev/null || missing+=(libmariadb-dev)
    pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "installing Debian packages: ${missing[*]}" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}
