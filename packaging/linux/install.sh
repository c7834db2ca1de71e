#!/bin/sh
# Install (or, with --uninstall, remove) Shiny Review for every user of this machine.
# Run as root from the unpacked tarball:   sudo ./install.sh   [--prefix /opt/shiny-review]
# It copies the app folder, links /usr/local/bin/shiny-review, and adds the menu entry
# and icon. It never touches anyone's data (~/.local/share/ShinyReview).
set -eu

PREFIX=/opt/shiny-review
BIN=/usr/local/bin
APPS=/usr/share/applications
ICONS=/usr/share/icons/hicolor
ACTION=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
HERE=$(cd "$(dirname "$0")" && pwd)

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$ICONS" || true
}

if [ "$ACTION" = uninstall ]; then
    rm -f "$BIN/shiny-review" "$APPS/shiny-review.desktop" \
        "$ICONS/256x256/apps/shiny-review.png" "$ICONS/scalable/apps/shiny-review.svg"
    rm -rf "$PREFIX"
    refresh
    echo "Shiny Review removed (users' workspaces were left in place)."
    exit 0
fi

[ -x "$HERE/shiny-review" ] || { echo "install.sh: run it from the unpacked tarball" >&2; exit 1; }
rm -rf "$PREFIX.new"
mkdir -p "$PREFIX.new"
cp -R "$HERE/shiny-review" "$HERE/_internal" "$PREFIX.new/"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
chmod -R u=rwX,go=rX "$PREFIX"
mkdir -p "$BIN" "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps"
ln -sf "$PREFIX/shiny-review" "$BIN/shiny-review"
install -m 644 "$HERE/shiny-review.desktop" "$APPS/shiny-review.desktop"
install -m 644 "$HERE/shiny-review.png" "$ICONS/256x256/apps/shiny-review.png"
install -m 644 "$HERE/shiny-review.svg" "$ICONS/scalable/apps/shiny-review.svg"
refresh
echo "Shiny Review installed in $PREFIX. Check it with:  shiny-review --self-test"
