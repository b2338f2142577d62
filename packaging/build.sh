#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/offer-eval/ (binary dist/offer-eval/offer-eval) and
# smoke-check the frozen binary from a copy outside the source tree (packaging/smoke.sh).
#
# Needs Python 3.11+ with venv and binutils (Debian/Ubuntu: python3-venv binutils); the smoke
# check needs the libraries Qt needs (README, "Desktop bundle"). Makes its own build/venv,
# installs the project (not editable) and PyInstaller into it, runs packaging/offer-eval.spec,
# then adds the menu entry, AppStream metadata and install-user.sh to the bundle.
#
#   packaging/build.sh                            build and smoke-check
#   PYTHON=python3.12 packaging/build.sh          build with another Python
#   OFFER_EVAL_SKIP_SMOKE=1 packaging/build.sh    build only
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="$root/build/venv"
bundle="$root/dist/offer-eval"
log="$root/build/pyinstaller.log"
started=$(date +%s)

say() { printf 'build.sh: %s\n' "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  fail "needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1 || echo missing)"
fi
for tool in ldd objdump; do
  command -v "$tool" >/dev/null 2>&1 || fail "PyInstaller needs '$tool' (Debian/Ubuntu: binutils)"
done

say "build environment ($venv)"
mkdir -p "$root/build"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" || fail "cannot create a virtual environment (install python3-venv)"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "$root" -r "$root/packaging/build-requirements.txt"
# Reinstall the project itself even when its version is unchanged, so the bundle has today's code
# (a regular install, not editable: PyInstaller freezes exactly what the wheel ships).
"$venv/bin/python" -m pip install -q --force-reinstall --no-deps "$root"
version="$("$venv/bin/python" -c 'import offer_eval; print(offer_eval.__version__)')"

say "PyInstaller (offer-eval $version; log in ${log#"$root"/})"
frozen_started=$(date +%s)
rm -rf "$bundle"
# From build/, so that the source tree's offer_eval/ is not on the analysis path: the installed
# package is the one frozen.
if ! (cd "$root/build" && "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$root/dist" --workpath "$root/build/pyinstaller" \
  "$root/packaging/offer-eval.spec") >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  fail "PyInstaller (full log: $log)"
fi
[ -x "$bundle/offer-eval" ] || fail "no binary at $bundle/offer-eval"

# Python's own library and extension modules may carry debug symbols (a source-built Python
# does): strip those only. Never the wheels' *.libs folders: auditwheel-patched libraries break.
if command -v strip >/dev/null 2>&1; then
  find "$bundle/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-debug {} +
  find "$bundle/_internal" -path '*/lib-dynload/*.so' -type f -exec strip --strip-debug {} +
fi

# What a user needs to install it: the menu entry, the AppStream metadata and the installer.
install -D -m 644 "$root/packaging/offer-eval.desktop" "$bundle/share/applications/offer-eval.desktop"
install -D -m 644 "$root/packaging/io.github.offer_eval.OfferEval.metainfo.xml" \
  "$bundle/share/metainfo/io.github.offer_eval.OfferEval.metainfo.xml"
install -m 755 "$root/packaging/install-user.sh" "$bundle/install-user.sh"
frozen_seconds=$(($(date +%s) - frozen_started))

# Libraries the build machine lacks cannot be bundled: the bundle then needs them on the user's
# machine. Only those that a file in the bundle needs count (not the dropped plugins'). The X11
# plugin is the usual case: install its libraries here and rebuild (README, "Desktop bundle").
missing=""
while IFS="'" read -r _ library _ dependent _; do
  if [ -n "$(find "$bundle/_internal" -name "$(basename "$dependent")" -print -quit)" ]; then
    case " $missing " in *" $library "*) ;; *) missing="$missing $library" ;; esac
  fi
done < <(grep "could not resolve '" "$log" || true)
if [ -n "$missing" ]; then
  say "WARNING: not bundled, as this machine lacks them:$missing"
  say "         users will need them installed; see README, 'Desktop bundle'"
fi
size_mb=$(du -sm "$bundle" | cut -f1)

smoke="skipped"
if [ "${OFFER_EVAL_SKIP_SMOKE:-0}" != 1 ]; then
  PYTHON="$python" "$root/packaging/smoke.sh" "$bundle" || fail "smoke check of the frozen binary"
  smoke="ok"
fi

printf '{"bundle": "dist/offer-eval", "version": "%s", "size_mb": %s, "freeze_seconds": %s, "total_seconds": %s, "smoke": "%s"}\n' \
  "$version" "$size_mb" "$frozen_seconds" "$(($(date +%s) - started))" "$smoke"
