"""Install or remove the desktop icon that opens the workbook (`make shortcut`, `make unshortcut`).

    .venv/bin/python launcher/shortcut.py install [--port N]
    .venv/bin/python launcher/shortcut.py uninstall

Linux: a .desktop file in the applications menu (~/.local/share/applications) and, when
there is a Desktop folder, on the desktop. macOS: a small .app in ~/Applications and on
the Desktop. Each runs launcher/launch.py with absolute paths. Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "Treatment talk workbook"
COMMENT = "Get ready to talk with your care team about treatment"
DESKTOP_FILE = "treatment-workbook.desktop"
APP_BUNDLE = f"{NAME}.app"
BUNDLE_ID = "org.treatment-workbook.launcher"
_EXEC_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def launch_command(port: int | None = None, root: Path = ROOT) -> list[str]:
    """The venv's Python (the shortcut still works from a desktop with no PATH) and launch.py."""
    venv = root / ".venv" / "bin" / "python"
    command = [str(venv if venv.exists() else Path(sys.executable)), str(root / "launcher" / "launch.py")]
    return command + (["--port", str(port)] if port else [])


def _exec_value(args: Sequence[str]) -> str:
    """Desktop Entry Exec quoting, then the file's own string escapes (Desktop Entry spec)."""
    quoted = []
    for arg in args:
        if "\n" in arg or "\r" in arg:
            raise ValueError("a path with a line break cannot go in a desktop file")
        if _EXEC_RESERVED.search(arg):
            arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
        quoted.append(arg.replace("%", "%%"))
    return " ".join(quoted).replace("\\", "\\\\")


def _string_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def desktop_entry(command: Sequence[str], icon: Path) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={NAME}",
        f"Comment={COMMENT}",
        f"Exec={_exec_value(command)}",
        f"Icon={_string_value(str(icon))}",
        "Terminal=false",
        "Categories=Office;",
        "StartupNotify=false",
    ]
    return "\n".join(lines) + "\n"


def _desktop_folder(home: Path) -> Path | None:
    """The desktop folder (XDG user-dirs, else ~/Desktop), if it exists."""
    desktop = home / "Desktop"
    dirs = home / ".config" / "user-dirs.dirs"
    try:
        found = re.search(r'^XDG_DESKTOP_DIR="([^"]*)"', dirs.read_text(), re.MULTILINE)
    except OSError:
        found = None
    if found:
        desktop = Path(found.group(1).replace("$HOME", str(home)))
    return desktop if desktop.is_dir() and desktop != home else None


def linux_places(home: Path) -> list[Path]:
    data = os.environ.get("XDG_DATA_HOME", "").strip() or str(home / ".local" / "share")
    places = [Path(data) / "applications" / DESKTOP_FILE]
    desktop = _desktop_folder(home)
    return places + ([desktop / DESKTOP_FILE] if desktop else [])


def mac_places(home: Path) -> list[Path]:
    places = [home / "Applications" / APP_BUNDLE]
    return places + ([home / "Desktop" / APP_BUNDLE] if (home / "Desktop").is_dir() else [])


def _write_desktop_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o755)  # desktops only run an executable launcher
    os.replace(tmp, path)
    if path.parent.name != "applications":  # GNOME asks before running an untrusted one
        _quietly(["gio", "set", str(path), "metadata::trusted", "true"])


def _quietly(command: list[str]) -> None:
    """A local helper tool, if this computer has it; a failure only costs a nicety."""
    tool = shutil.which(command[0])
    if tool is None:
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [tool, *command[1:]],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )


def _write_app(bundle: Path, command: Sequence[str], icon: Path) -> None:
    """A minimal .app: Info.plist and a shell script (no Terminal window opens)."""
    if bundle.exists():
        shutil.rmtree(bundle)
    (bundle / "Contents" / "MacOS").mkdir(parents=True)
    (bundle / "Contents" / "Resources").mkdir()
    info = {
        "CFBundleName": NAME,
        "CFBundleDisplayName": NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleExecutable": "launch",
        "CFBundlePackageType": "APPL",
        "CFBundleVersion": "1",
        "LSUIElement": True,
    }  # no Dock icon for the few seconds the launcher runs
    icns = bundle / "Contents" / "Resources" / "icon.icns"  # a .app icon must be .icns
    _quietly(["sips", "-s", "format", "icns", str(icon), "--out", str(icns)])  # macOS's image tool
    if icns.exists():
        info["CFBundleIconFile"] = "icon"
    (bundle / "Contents" / "Info.plist").write_bytes(plistlib.dumps(info))
    script = bundle / "Contents" / "MacOS" / "launch"
    script.write_text(f"#!/bin/sh\nexec {shlex.join(command)}\n", encoding="utf-8")
    os.chmod(script, 0o755)


def install(
    system: str | None = None, home: Path | None = None, port: int | None = None, root: Path = ROOT
) -> list[Path]:
    """Write (or rewrite) the launcher in each place; returns where."""
    system, home = system or platform.system(), home or Path.home()
    command, icon = launch_command(port, root), root / "static" / "icon.png"
    if system == "Darwin":
        places = mac_places(home)
        for bundle in places:
            _write_app(bundle, command, icon)
    elif system == "Linux":
        places = linux_places(home)
        for path in places:
            _write_desktop_file(path, desktop_entry(command, icon))
    else:
        raise SystemExit(f"shortcut: {system} is not supported; start the app with `make run`")
    return places


def _ours(path: Path) -> bool:
    try:
        if path.suffix == ".app":
            info = plistlib.loads((path / "Contents" / "Info.plist").read_bytes())
            return info.get("CFBundleIdentifier") == BUNDLE_ID
        return f"Name={NAME}\n" in path.read_text(encoding="utf-8")
    except (OSError, ValueError, plistlib.InvalidFileException):
        return False


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove every launcher this module installs (Linux and macOS places); returns what went."""
    home = home or Path.home()
    removed = []
    for path in linux_places(home) + mac_places(home):
        if path.exists() and _ours(path):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path)
    return removed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="shortcut.py", description="The workbook's desktop icon.")
    p.add_argument("action", choices=("install", "uninstall"))
    p.add_argument("--port", type=int, default=None, help="default: .streamlit/config.toml")
    args = p.parse_args(argv)
    if args.action == "install":
        for path in install(port=args.port):
            print(f"installed {path}")
    else:
        removed = uninstall()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("no launcher was installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
