"""Is the library on a network share? SQLite's WAL mode keeps its index in shared memory, which
works only between programs on one machine, so a library on a share uses a rollback journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# File-system types (as Linux's /proc/mounts and macOS's mount name them) that live on
# another machine.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs",
    "fuse.sshfs", "sshfs", "9p", "ncpfs", "afs", "coda", "glusterfs", "fuse.glusterfs",
    "ceph", "fuse.ceph", "lustre", "gpfs", "fuse.rclone", "fuse.s3fs", "osxfuse", "macfuse",
})


def network_type(path: Path) -> str | None:
    """The network file-system type holding `path` ("nfs", "cifs", "smbfs", "network drive"),
    or None when it is local or cannot be told."""
    folder = Path(os.path.abspath(path)).parent
    try:
        if sys.platform == "win32":
            return _windows_remote(folder)
        if sys.platform == "darwin":
            return _mount_type(folder, _macos_mounts())
        return _mount_type(folder, _linux_mounts())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, type) pairs from /proc/mounts text; octal escapes (\\040) decoded."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].encode().decode("unicode_escape")
            found.append((point, parts[2]))
    return found


def parse_macos_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, type) pairs from macOS `mount` output:
    "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)"."""
    found = []
    for line in text.splitlines():
        if " on " not in line or " (" not in line:
            continue
        rest = line.split(" on ", 1)[1]
        point, options = rest.rsplit(" (", 1)
        found.append((point, options.split(",", 1)[0].strip(" )")))
    return found


def _mount_type(folder: Path, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the deepest mount point holding `folder`, if it is a network type."""
    text = str(folder)
    best, kind = "", ""
    for point, fs_type in mounts:
        inside = text == point or text.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, kind = point, fs_type
    return kind if kind.lower() in NETWORK_TYPES else None


def _linux_mounts() -> list[tuple[str, str]]:
    return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))


def _macos_mounts() -> list[tuple[str, str]]:
    output = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5,
                            check=False).stdout
    return parse_macos_mounts(output)


def _windows_remote(folder: Path) -> str | None:
    text = str(folder)
    if text.startswith(("\\\\", "//")) and not text.startswith("\\\\?\\"):
        return "network share"
    import ctypes

    drive_remote = 4
    root = os.path.splitdrive(text)[0] + "\\"
    if ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote:
        return "network drive"
    return None
