#!/usr/bin/env bash
# Put PEEL Viewer in the current user's desktop menu: the .desktop entry, the icons (hicolor
# theme) and the library file type (*.peeldb), all under $XDG_DATA_HOME (~/.local/share).
#
#   packaging/linux/install-desktop.sh                 peelviewer on PATH (pip/pipx install)
#   packaging/linux/install-desktop.sh --exec PATH     a particular program, e.g. a bundle's
#                                                      dist/peelviewer/peelviewer
#   packaging/linux/install-desktop.sh --uninstall     remove all of it again
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
hicolor="$data/icons/hicolor"
mime="$data/mime"
sizes=(16 32 48 64 128 256 512)
desktop_name=peelviewer.desktop
mime_name=peelviewer-mime.xml

say() { printf '%s\n' "$*"; }
die() { printf 'install-desktop.sh: %s\n' "$*" >&2; exit 2; }

usage() {
    sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

# Refresh the caches desktops read, with whichever tools this system has.
refresh() {
    if command -v update-desktop-database >/dev/null && [ -d "$apps" ]; then
        update-desktop-database -q "$apps" || true
    fi
    if command -v update-mime-database >/dev/null && [ -d "$mime/packages" ]; then
        update-mime-database "$mime" || true
    fi
    if [ -d "$hicolor" ]; then
        touch "$hicolor"  # GTK and Qt notice a theme folder newer than its cache
        if command -v gtk-update-icon-cache >/dev/null; then
            gtk-update-icon-cache -q -f -t "$hicolor" || true
        fi
    fi
}

uninstall() {
    rm -f "$apps/$desktop_name" "$mime/packages/$mime_name" "$hicolor/scalable/apps/peelviewer.svg"
    for size in "${sizes[@]}"; do
        rm -f "$hicolor/${size}x${size}/apps/peelviewer.png"
    done
    refresh
    say "Removed PEEL Viewer's menu entry, icons and file type from $data."
    say "Your library and settings are untouched."
}

# The Python that runs a pip/pipx-installed launcher: the interpreter on its #! line.
launcher_python() {
    local line
    [ -f "$1" ] || return 1
    IFS= read -r line < "$1" || return 1
    case "$line" in
        '#!'*python*) line="${line#\#!}"; printf '%s\n' "${line%% *}" ;;
        *) return 1 ;;
    esac
}

# The icon folder: a checkout's, a PyInstaller bundle's, or the installed package's.
find_icons() {
    local program="$1" dir python
    for dir in "$here/../../peelviewer/resources/icons" \
               "$(dirname "$program")/_internal/peelviewer/resources/icons"; do
        if [ -f "$dir/peelviewer.svg" ]; then
            (cd "$dir" && pwd)
            return 0
        fi
    done
    for python in "$(launcher_python "$program" || true)" python3; do
        [ -n "$python" ] || continue
        dir="$("$python" -c 'from peelviewer.locations import resource_dir
print(resource_dir("icons"))' 2>/dev/null)" || continue
        if [ -f "$dir/peelviewer.svg" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    return 1
}

install_all() {
    local exec_path="$1" program exec_field icons size
    if [ -n "$exec_path" ]; then
        if [ ! -x "$exec_path" ] || [ -d "$exec_path" ]; then
            die "$exec_path is not a program"
        fi
        case "$exec_path" in
            /*) ;;
            *) exec_path="$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")" ;;
        esac
        program="$exec_path"
    elif program="$(command -v peelviewer)"; then
        exec_path=""  # keep Exec=peelviewer: the menu follows upgrades and PATH
    elif [ -x "$here/../../.venv/bin/peelviewer" ]; then
        exec_path="$(cd "$here/../../.venv/bin" && pwd)/peelviewer"
        program="$exec_path"
    else
        die "peelviewer is not on PATH: install it first (pipx install .) or give --exec PATH"
    fi
    case "$exec_path" in
        *[\"\`\$\\]*) die "cannot put a path containing \" \` \$ or \\ in a menu entry" ;;
    esac

    icons="$(find_icons "$program")" || die "cannot find PEEL Viewer's icons (is it installed?)"

    mkdir -p "$apps" "$mime/packages" "$hicolor/scalable/apps"
    if [ -n "$exec_path" ]; then
        exec_field="\"$exec_path\""
        awk -v exec_field="$exec_field" -v try_exec="$exec_path" '
            /^Exec=/ { print "Exec=" exec_field " %F"; next }
            /^TryExec=/ { print "TryExec=" try_exec; next }
            { print }' "$here/$desktop_name" > "$apps/$desktop_name.tmp"
        mv "$apps/$desktop_name.tmp" "$apps/$desktop_name"
    else
        cp "$here/$desktop_name" "$apps/$desktop_name"
    fi
    chmod 644 "$apps/$desktop_name"
    cp "$here/$mime_name" "$mime/packages/$mime_name"
    cp "$icons/peelviewer.svg" "$hicolor/scalable/apps/peelviewer.svg"
    for size in "${sizes[@]}"; do
        mkdir -p "$hicolor/${size}x${size}/apps"
        cp "$icons/peelviewer-$size.png" "$hicolor/${size}x${size}/apps/peelviewer.png"
    done
    refresh
    say "Installed PEEL Viewer's menu entry, icons and the .peeldb file type under $data"
    say "(runs: ${exec_path:-$program}). It shows under Office; \"Open with\" offers it for"
    say "report files. Undo with: $0 --uninstall"
}

exec_path=""
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) action=uninstall ;;
        --exec) [ $# -ge 2 ] || die "--exec needs a path"; exec_path="$2"; shift ;;
        --exec=*) exec_path="${1#--exec=}" ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

if [ "$action" = uninstall ]; then
    uninstall
else
    install_all "$exec_path"
fi
