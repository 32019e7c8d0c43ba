# shellcheck shell=bash
# Project-local Python virtualenv helpers. Source this file; do not execute it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/venv.sh"
#   ensure_venv        # .venv with pylibseekdb (the seekdb server binary + PyMySQL)
#   ensure_pyseekdb    # additionally pyseekdb + PyMySQL (reference client for compat tests), and
#                      # bm25s + PyStemmer (pyseekdb's BM25 sparse embedding function needs them)
#
# Defines PROJECT_ROOT (repository root), VENV ($PROJECT_ROOT/.venv, git-ignored) and VENV_PYTHON.
# Safe under `set -euo pipefail`. Set PYTHON3 to choose the interpreter that creates the venv.

if [[ -n "${_SEEKDB_VENV_SH_LOADED:-}" ]]; then
    return 0
fi
_SEEKDB_VENV_SH_LOADED=1

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
VENV="$PROJECT_ROOT/.venv"
VENV_PYTHON="$VENV/bin/python"

# Pinned versions. Both pins were checked with `pip index versions` (PyPI has
# pylibseekdb 1.4.0.post1 and pyseekdb 1.4.0.post1), so no fallback to another 1.4.0.x was needed.
PYLIBSEEKDB_VERSION="1.4.0.post1"
PYSEEKDB_VERSION="1.4.0.post1"
# pyseekdb's BM25SparseEmbeddingFunction tokenizes with bm25s and stems with PyStemmer (without
# PyStemmer it silently skips stemming). The BM25 reference tests compare against these versions.
BM25S_VERSION="0.3.16"
PYSTEMMER_VERSION="3.1.0"

_venv_log() { printf '%s\n' "venv: $*" >&2; }

# _venv_has_pkg MODULE [DIST VERSION]
# True if MODULE is importable from the venv (found with importlib.util.find_spec, without
# importing it) and, when DIST/VERSION are given, the installed distribution has that version.
_venv_has_pkg() {
    [[ -x "$VENV_PYTHON" ]] || return 1
    "$VENV_PYTHON" - "$@" <<'PY' 2>/dev/null
import importlib.util, sys
mod = sys.argv[1]
if importlib.util.find_spec(mod) is None:
    sys.exit(1)
if len(sys.argv) > 3:
    from importlib.metadata import version, PackageNotFoundError
    try:
        sys.exit(0 if version(sys.argv[2]) == sys.argv[3] else 1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}

_venv_pip_install() {
    "$VENV_PYTHON" -m pip install --quiet --disable-pip-version-check --no-input "$@"
}

# Create $VENV if it is missing or broken. On a bare Debian, `python3 -m venv` fails without the
# python3-venv package (no ensurepip); install it via apt-get when running as root.
_venv_create() {
    local py="${PYTHON3:-python3}"
    if [[ -x "$VENV_PYTHON" ]] && "$VENV_PYTHON" -c 'import pip' 2>/dev/null; then
        return 0
    fi
    if ! command -v "$py" >/dev/null 2>&1; then
        _venv_log "error: $py not found; install Python 3 (>= 3.9) first"
        return 1
    fi
    _venv_log "creating $VENV"
    rm -rf "$VENV/bin" "$VENV/lib" "$VENV/lib64" "$VENV/include" "$VENV/pyvenv.cfg"
    if ! "$py" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV/bin" "$VENV/lib" "$VENV/lib64" "$VENV/include" "$VENV/pyvenv.cfg"
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
            _venv_log "'$py -m venv' failed; installing python3-venv with apt-get"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            "$py" -m venv "$VENV" || { _venv_log "error: '$py -m venv $VENV' failed"; return 1; }
        else
            _venv_log "error: '$py -m venv $VENV' failed (on Debian/Ubuntu: apt-get install python3-venv)"
            return 1
        fi
    fi
}

# Run "$@" while holding an exclusive lock on $VENV/.ensure.lock, so that two scripts calling
# ensure_* at the same time do not pip-install into the same venv concurrently.
_venv_locked() {
    mkdir -p "$VENV"
    if command -v flock >/dev/null 2>&1; then
        local fd rc=0
        exec {fd}>"$VENV/.ensure.lock"
        flock "$fd"
        "$@" || rc=$?
        exec {fd}>&-
        return "$rc"
    fi
    "$@"
}

_ensure_venv_locked() {
    _venv_has_pkg pylibseekdb pylibseekdb "$PYLIBSEEKDB_VERSION" && return 0   # another process did it
    _venv_create || return 1
    _venv_log "installing pylibseekdb==$PYLIBSEEKDB_VERSION into $VENV (~54 MB)"
    _venv_pip_install "pylibseekdb==$PYLIBSEEKDB_VERSION" || return 1
    _venv_has_pkg pylibseekdb pylibseekdb "$PYLIBSEEKDB_VERSION" || {
        _venv_log "error: pylibseekdb==$PYLIBSEEKDB_VERSION still not importable after pip install"
        return 1
    }
}

# ensure_venv: $VENV exists and has pylibseekdb==$PYLIBSEEKDB_VERSION (which depends on PyMySQL).
# Fast path (~50 ms) when it is already installed.
ensure_venv() {
    _venv_has_pkg pylibseekdb pylibseekdb "$PYLIBSEEKDB_VERSION" && return 0
    _venv_locked _ensure_venv_locked
}

_ensure_pyseekdb_locked() {
    if ! _venv_has_pkg pyseekdb pyseekdb "$PYSEEKDB_VERSION"; then
        _venv_log "installing pyseekdb==$PYSEEKDB_VERSION into $VENV"
        _venv_pip_install "pyseekdb==$PYSEEKDB_VERSION" || return 1
    fi
    if ! _venv_has_pkg pymysql; then
        _venv_log "installing PyMySQL into $VENV"
        _venv_pip_install PyMySQL || return 1
    fi
    if ! _venv_has_bm25; then
        _venv_log "installing bm25s==$BM25S_VERSION and PyStemmer==$PYSTEMMER_VERSION into $VENV"
        _venv_pip_install "bm25s==$BM25S_VERSION" "PyStemmer==$PYSTEMMER_VERSION" || return 1
    fi
}

# True if the venv has the pinned bm25s and PyStemmer (pyseekdb's BM25 dependencies).
_venv_has_bm25() {
    _venv_has_pkg bm25s bm25s "$BM25S_VERSION" && _venv_has_pkg Stemmer PyStemmer "$PYSTEMMER_VERSION"
}

# ensure_pyseekdb: ensure_venv plus pyseekdb==$PYSEEKDB_VERSION, PyMySQL, bm25s==$BM25S_VERSION
# and PyStemmer==$PYSTEMMER_VERSION in the same venv.
ensure_pyseekdb() {
    ensure_venv || return 1
    _venv_has_pkg pyseekdb pyseekdb "$PYSEEKDB_VERSION" && _venv_has_pkg pymysql && _venv_has_bm25 && return 0
    _venv_locked _ensure_pyseekdb_locked
}
