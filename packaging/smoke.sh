#!/usr/bin/env bash
# Smoke-check a built bundle the way a user runs it: copied away from the source tree, started
# from another folder, with a bare environment (no virtual environment, no PYTHONPATH, a fresh
# HOME) and no screen (Qt's offscreen platform).
#
#   packaging/smoke.sh [BUNDLE]     BUNDLE defaults to dist/offer-eval
#
# Checks the headless commands, `--self-test` offscreen, and install-user.sh (install, run
# through the link, uninstall) into a scratch HOME. With xvfb-run available, also runs the
# self-test in a real X11 session (Qt's xcb plugin and its libraries). Exits 0 when every check
# passes. Uses python3 only to read the JSON the bundle prints.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$(cd "${1:-$root/dist/offer-eval}" && pwd)"
python="${PYTHON:-python3}"
say() { printf 'smoke: %s\n' "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

[ -x "$bundle/offer-eval" ] || fail "no binary at $bundle/offer-eval"
internal="$bundle/_internal"
for needed in \
  offer_eval/resources/tax/2026-27.json \
  offer_eval/resources/examples/demo.offers.json \
  offer_eval/resources/icons/offer-eval.svg \
  PySide6/Qt/plugins/platforms/libqoffscreen.so \
  PySide6/Qt/plugins/platforms/libqxcb.so \
  PySide6/Qt/plugins/imageformats/libqsvg.so; do
  [ -e "$internal/$needed" ] || fail "the bundle lacks $needed"
done

dangling="$(find "$bundle" -xtype l)"
[ -z "$dangling" ] || fail "dangling links in the bundle: $dangling"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/offer-eval-smoke.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/moved" "$scratch/work" "$scratch/home"
cp -a "$bundle" "$scratch/moved/offer-eval"
binary="$scratch/moved/offer-eval/offer-eval"
cd "$scratch/work"

# The bare environment a desktop user's launcher gives, minus the screen.
run() {
  env -i HOME="$scratch/home" PATH=/usr/bin:/bin LANG=C.UTF-8 TMPDIR="$scratch" \
    QT_QPA_PLATFORM=offscreen "$binary" "$@"
}
check_json() { # check_json FILE PYTHON-EXPRESSION-ON-d
  "$python" -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$1" "$2"
}

version="$(run --version)" || fail "--version"
say "version: $version"

run report --json >report.json 2>report.err || fail "report --json: $(cat report.err)"
check_json report.json 'd["offers"] and d["offers"][0]["net_take_home"] > 0 and d["app_version"]' ||
  fail "report --json printed an unexpected report"
say "report --json: ok ($(wc -c <report.json) bytes)"

run take-home 45000 --year 2026/27 --json >home.json || fail "take-home"
check_json home.json 'd["net"] == 35919.6' || fail "take-home 45000 for 2026/27 is not 35,919.60"
say "take-home: ok"

run demo demo.offers.json || fail "demo"
run report demo.offers.json --json --csv out.csv --xlsx out.xlsx >again.json || fail "report FILE --csv --xlsx"
if ! [ -s out.csv ] || ! [ -s out.xlsx ]; then fail "report --csv/--xlsx wrote nothing"; fi
run import out.xlsx back.offers.json || fail "import of the exported workbook"
say "demo, csv, xlsx, import: ok"

started=$(date +%s)
if ! run --self-test >self-test.json 2>self-test.err; then
  cat self-test.json self-test.err >&2
  fail "--self-test"
fi
check_json self-test.json 'd["self_test"] == "ok" and d["platform"] == "offscreen"' ||
  fail "--self-test: $(cat self-test.json)"
say "--self-test: ok in $(($(date +%s) - started))s: $(cat self-test.json)"

if command -v xvfb-run >/dev/null 2>&1; then
  # A real X server: the xcb platform plugin and the X libraries it loads must all resolve.
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  if ! xvfb-run -a -s "-screen 0 1600x1000x24" bash -c \
    'exec env -i HOME="$1" PATH=/usr/bin:/bin LANG=C.UTF-8 TMPDIR="$2" DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" \
      QT_QPA_PLATFORM=xcb "$3" --self-test' _ "$scratch/home" "$scratch" "$binary" \
    >x11.json 2>x11.err; then
    cat x11.json x11.err >&2
    fail "--self-test under X11 (xvfb)"
  fi
  check_json x11.json 'd["self_test"] == "ok" and d["platform"] == "xcb"' ||
    fail "--self-test under X11: $(cat x11.json)"
  say "--self-test under X11 (xvfb): ok"
else
  say "--self-test under X11: skipped (no xvfb-run)"
fi

# install-user.sh, into the scratch HOME: files in place, the link runs, uninstall leaves nothing.
installer() {
  env -i HOME="$scratch/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    "$scratch/moved/offer-eval/install-user.sh" "$@"
}
installer >install.out || fail "install-user.sh"
local_share="$scratch/home/.local/share"
for installed in \
  "$scratch/home/.local/lib/offer-eval/offer-eval" \
  "$local_share/applications/offer-eval.desktop" \
  "$local_share/metainfo/io.github.offer_eval.OfferEval.metainfo.xml" \
  "$local_share/icons/hicolor/16x16/apps/offer-eval.png" \
  "$local_share/icons/hicolor/512x512/apps/offer-eval.png" \
  "$local_share/icons/hicolor/scalable/apps/offer-eval.svg"; do
  [ -e "$installed" ] || fail "install-user.sh did not install $installed"
done
linked="$(env -i HOME="$scratch/home" PATH=/usr/bin:/bin "$scratch/home/.local/bin/offer-eval" --version)" ||
  fail "the installed link ~/.local/bin/offer-eval does not run"
[ "$linked" = "$version" ] || fail "the installed link runs '$linked', not '$version'"
grep -qx "Exec=\"$scratch/home/.local/lib/offer-eval/offer-eval\" %f" \
  "$local_share/applications/offer-eval.desktop" || fail "the menu entry's Exec line"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$local_share/applications/offer-eval.desktop" ||
    fail "the installed menu entry is not valid"
fi
installer --uninstall >uninstall.out || fail "install-user.sh --uninstall"
# (update-desktop-database's mimeinfo.cache is shared by every menu entry and stays.)
left="$(find "$scratch/home/.local" \( -type f -o -type l \) ! -name mimeinfo.cache)"
[ -z "$left" ] || fail "install-user.sh --uninstall left: $left"
say "install-user.sh install, run and uninstall: ok"
