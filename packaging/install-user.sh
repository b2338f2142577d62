#!/usr/bin/env bash
# Install the Offer Eval desktop bundle for the current user (no root needed), or remove it.
#
#   install-user.sh [BUNDLE]        install BUNDLE (default: the folder this script is in, when it
#                                   is a bundle; else dist/offer-eval beside packaging/)
#   install-user.sh --uninstall     remove everything a previous install put in place
#
# Puts the bundle in ~/.local/lib/offer-eval, a link ~/.local/bin/offer-eval, the menu entry in
# ~/.local/share/applications, the icon in ~/.local/share/icons/hicolor/<size>/apps and the
# AppStream metadata in ~/.local/share/metainfo (XDG_DATA_HOME replaces ~/.local/share when set).
set -euo pipefail

APP=offer-eval
APP_ID=io.github.offer_eval.OfferEval
SIZES=(16 24 32 48 64 128 256 512)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
lib_dir="$HOME/.local/lib/$APP"
bin_link="$HOME/.local/bin/$APP"
desktop_file="$data_home/applications/$APP.desktop"
metainfo_file="$data_home/metainfo/$APP_ID.metainfo.xml"
icons="$data_home/icons/hicolor"

say() { printf '%s: %s\n' "$APP" "$*"; }
fail() {
  printf '%s: %s\n' "$APP" "$*" >&2
  exit 1
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
  fi
}

uninstall() {
  if [ -L "$bin_link" ] && [ "$(readlink "$bin_link")" = "$lib_dir/$APP" ]; then
    rm -f "$bin_link"
  fi
  rm -f "$desktop_file" "$metainfo_file" "$icons/scalable/apps/$APP.svg"
  for size in "${SIZES[@]}"; do
    rm -f "$icons/${size}x${size}/apps/$APP.png"
  done
  rm -rf "$lib_dir"
  refresh_caches
  say "removed (your scenario files, settings and autosaves are kept)"
}

# A path as a quoted desktop-entry Exec argument: ", `, $ and \ escaped (twice, as the spec's
# string escaping applies first) and % doubled.
desktop_quote() {
  local text="$1" out="" char i bs="\\"
  for ((i = 0; i < ${#text}; i++)); do
    char="${text:i:1}"
    case "$char" in
      '"' | '`' | '$') out+="$bs$bs$char" ;;
      "$bs") out+="$bs$bs$bs$bs" ;;
      '%') out+='%%' ;;
      *) out+="$char" ;;
    esac
  done
  printf '"%s"' "$out"
}

install_bundle() {
  local bundle="$1"
  if ! [ -x "$bundle/$APP" ] || ! [ -d "$bundle/_internal" ]; then
    fail "$bundle is not a built bundle (run packaging/build.sh first)"
  fi
  local share="$bundle/share"
  local icon_src="$bundle/_internal/offer_eval/resources/icons"
  [ -f "$share/applications/$APP.desktop" ] || fail "$bundle lacks share/applications/$APP.desktop"
  [ -f "$icon_src/$APP.svg" ] || fail "$bundle lacks its icons"

  # Copy beside the old install, then swap, so a failed copy leaves the old one working.
  mkdir -p "$(dirname "$lib_dir")"
  if [ "$(cd "$bundle" && pwd -P)" != "$(cd "$lib_dir" 2>/dev/null && pwd -P || true)" ]; then
    local staging="$lib_dir.new.$$"
    rm -rf "$staging"
    cp -a "$bundle" "$staging"
    rm -rf "$lib_dir"
    mv "$staging" "$lib_dir"
  fi

  mkdir -p "$(dirname "$bin_link")"
  if [ -e "$bin_link" ] && ! [ -L "$bin_link" ]; then
    say "note: $bin_link exists and is not ours (a pip install?); left as it is"
  else
    ln -sfn "$lib_dir/$APP" "$bin_link"
  fi

  # The menu entry starts the bundle by its full path: ~/.local/bin is often not on the PATH
  # that the desktop session was started with.
  local exec_path try_exec line
  exec_path="$(desktop_quote "$lib_dir/$APP")"
  try_exec="${lib_dir//\\/\\\\}/$APP"
  mkdir -p "$(dirname "$desktop_file")" "$(dirname "$metainfo_file")"
  while IFS= read -r line; do
    case "$line" in
      Exec=*) printf 'Exec=%s %%f\nTryExec=%s\n' "$exec_path" "$try_exec" ;;
      *) printf '%s\n' "$line" ;;
    esac
  done <"$share/applications/$APP.desktop" >"$desktop_file.tmp"
  mv "$desktop_file.tmp" "$desktop_file"
  if [ -f "$share/metainfo/$APP_ID.metainfo.xml" ]; then
    cp "$share/metainfo/$APP_ID.metainfo.xml" "$metainfo_file"
  fi
  for size in "${SIZES[@]}"; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$icon_src/$APP-$size.png" "$icons/${size}x${size}/apps/$APP.png"
  done
  mkdir -p "$icons/scalable/apps"
  cp "$icon_src/$APP.svg" "$icons/scalable/apps/$APP.svg"
  refresh_caches

  say "installed in $lib_dir; menu entry 'Offer Eval' added"
  case ":$PATH:" in
    *":$HOME/.local/bin:"*) say "run it from a terminal as: $APP" ;;
    *) say "$HOME/.local/bin is not on your PATH; run $bin_link, or add it to PATH" ;;
  esac
}

case "${1:-}" in
  --uninstall)
    [ $# -eq 1 ] || fail "usage: install-user.sh --uninstall"
    uninstall
    ;;
  -h | --help)
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    ;;
  -*)
    fail "unknown option $1 (see --help)"
    ;;
  *)
    [ $# -le 1 ] || fail "usage: install-user.sh [BUNDLE]"
    if [ $# -eq 1 ]; then
      bundle="$1"
    elif [ -x "$here/$APP" ] && [ -d "$here/_internal" ]; then
      bundle="$here"
    else
      bundle="$here/../dist/$APP"
    fi
    [ -d "$bundle" ] || fail "no bundle at $bundle (run packaging/build.sh first)"
    install_bundle "$(cd "$bundle" && pwd)"
    ;;
esac
