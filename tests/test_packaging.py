"""Desktop integration and the bundle: menu entry, file type, icons, install script, PyInstaller."""

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage, QImageReader

from peelviewer import __version__
from peelviewer.locations import resource_dir
from tests.conftest import FIXTURES, ROOT, print_to_pdf

PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
INSTALL = LINUX / "install-desktop.sh"
DESKTOP = LINUX / "peelviewer.desktop"
MIME_XML = LINUX / "peelviewer-mime.xml"
ICONS = ROOT / "peelviewer" / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)
LIBRARY_TYPE = "application/x-peelviewer-library"
VENV_BIN = Path(sys.executable).parent

# What a GOV.UK-palette grade block looks like in the icon: every grade colour is there.
GRADE_COLOURS = {"#00703c", "#85994b", "#f47738", "#d4351c"}


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (apt-get install desktop-file-utils "
                    "shared-mime-info)")
    return path


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose home (and so data folder) is `home`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"), **extra)
    env.pop("PEELVIEWER_DB", None)
    return env


def run_install(home: Path, *args: str, path: str | None = None,
                script: Path = INSTALL) -> subprocess.CompletedProcess:
    env = user_env(home, PATH=path or f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(["bash", str(script), *args], env=env, capture_output=True,
                          text=True, timeout=120)


def mime_type_of(filename: Path, home: Path) -> str:
    """The type a desktop (here Qt's MIME database) gives a file, as that user."""
    code = ("import sys; from PySide6.QtCore import QMimeDatabase; "
            "print(QMimeDatabase().mimeTypeForFile(sys.argv[1]).name())")
    result = subprocess.run([sys.executable, "-c", code, str(filename)], env=user_env(home),
                            capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip()


def installed_files(home: Path) -> list[Path]:
    return sorted(path for path in (home / "share").rglob("*") if path.is_file())


def mentions_peelviewer(home: Path) -> list[Path]:
    return [path for path in installed_files(home)
            if "peelviewer" in path.name or b"peelviewer" in path.read_bytes()]


# The menu entry and the file type


def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run([needs("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning:" not in result.stdout


def test_the_desktop_entry_opens_reports_and_libraries_and_matches_the_window(qapp):
    from peelviewer.ui.application import make_application

    entry = desktop_entry(DESKTOP)
    assert entry["Name"] == "PEEL Viewer"
    assert entry["Exec"] == "peelviewer %F"
    assert entry["Icon"] == "peelviewer"
    assert entry["MimeType"].split(";")[:-1] == [LIBRARY_TYPE, "text/plain", "text/html",
                                                 "application/pdf"]
    # The dock and task switcher group the running window under this entry.
    before = (qapp.applicationName(), qapp.organizationName(), qapp.applicationVersion(),
              qapp.desktopFileName())
    try:
        assert make_application().desktopFileName() == entry["StartupWMClass"] == DESKTOP.stem
    finally:
        for setter, value in zip((qapp.setApplicationName, qapp.setOrganizationName,
                                  qapp.setApplicationVersion, qapp.setDesktopFileName),
                                 before, strict=True):
            setter(value)


def test_update_mime_database_accepts_the_library_type(tmp_path):
    tool = needs("update-mime-database")
    packages = tmp_path / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    result = subprocess.run([tool, str(packages.parent)], env=user_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    mime = packages.parent
    assert LIBRARY_TYPE in (mime / "types").read_text().split()
    assert f"{LIBRARY_TYPE}:*.peeldb" in (mime / "globs2").read_text()
    assert f"{LIBRARY_TYPE} application/vnd.sqlite3" in (mime / "subclasses").read_text()
    assert (mime / "application" / "x-peelviewer-library.xml").is_file()
    assert mime_type_of(tmp_path / "My reports.peeldb", tmp_path) == LIBRARY_TYPE


# install-desktop.sh


def test_install_desktop_puts_the_app_in_the_menu_and_uninstall_takes_it_all_out(tmp_path):
    needs("update-mime-database")
    result = run_install(tmp_path)
    assert result.returncode == 0, result.stderr
    share = tmp_path / "share"
    entry = share / "applications" / "peelviewer.desktop"
    assert desktop_entry(entry)["Exec"] == "peelviewer %F"  # found on PATH: left as is
    for size in SIZES:
        icon = QImage(str(share / f"icons/hicolor/{size}x{size}/apps/peelviewer.png"))
        assert (icon.width(), icon.height()) == (size, size)
    assert (share / "icons/hicolor/scalable/apps/peelviewer.svg").read_bytes() == (
        ICONS / "peelviewer.svg").read_bytes()
    assert mime_type_of(tmp_path / "lib.peeldb", tmp_path) == LIBRARY_TYPE
    if shutil.which("update-desktop-database"):
        cache = (share / "applications" / "mimeinfo.cache").read_text()
        for kind in (LIBRARY_TYPE, "text/plain", "text/html", "application/pdf"):
            assert f"{kind}=peelviewer.desktop;" in cache  # "Open with PEEL Viewer"

    result = run_install(tmp_path, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert mentions_peelviewer(tmp_path) == []
    assert mime_type_of(tmp_path / "lib.peeldb", tmp_path) != LIBRARY_TYPE


def test_install_desktop_runs_a_given_program_even_from_a_folder_with_spaces(tmp_path):
    program = tmp_path / "Apps and tools" / "peelviewer"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    result = run_install(tmp_path, "--exec", str(program), path="/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    entry_path = tmp_path / "share" / "applications" / "peelviewer.desktop"
    entry = desktop_entry(entry_path)
    assert entry["Exec"] == f'"{program}" %F'
    assert entry["TryExec"] == str(program)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry_path)],
                               capture_output=True, text=True, timeout=60)
        assert check.returncode == 0, check.stdout


def test_install_desktop_outside_a_checkout_takes_the_icons_from_the_installed_package(tmp_path):
    # As a user with only the packaging/linux files and a pip-installed peelviewer has it.
    copy = tmp_path / "linux"
    shutil.copytree(LINUX, copy)
    result = run_install(tmp_path, "--exec", str(VENV_BIN / "peelviewer"), path="/usr/bin:/bin",
                         script=copy / INSTALL.name)
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "share" / "icons" / "hicolor" / "48x48" / "apps" / "peelviewer.png"
    assert installed.read_bytes() == (ICONS / "peelviewer-48.png").read_bytes()


def test_install_desktop_refuses_when_peelviewer_cannot_be_found(tmp_path):
    copy = tmp_path / "linux"
    shutil.copytree(LINUX, copy)
    result = run_install(tmp_path, path="/usr/bin:/bin", script=copy / INSTALL.name)
    assert result.returncode == 2
    assert "peelviewer is not on PATH" in result.stderr
    assert not (tmp_path / "share").exists()


# The icons


@pytest.mark.parametrize("size", SIZES)
def test_each_icon_png_has_its_size_and_shows_the_grade_colours(qapp, size):
    image = QImage(str(resource_dir("icons", f"peelviewer-{size}.png")))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0  # transparent around the page
    colours = {image.pixelColor(x, y).name() for x in range(size) for y in range(size)}
    assert GRADE_COLOURS.issubset(colours)


def test_the_icons_are_found_as_package_resources(qapp):
    icons = resource_dir("icons")
    assert sorted(path.name for path in icons.iterdir()) == sorted(
        ["peelviewer.svg", *(f"peelviewer-{size}.png" for size in SIZES)])
    assert not QIcon(str(icons / "peelviewer.svg")).pixmap(64, 64).isNull()


def load_make_icons():
    # By path: `import packaging.make_icons` would find PyPI's packaging module.
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_pngs_are_what_the_svg_renders_to(qapp):
    from PySide6.QtSvg import QSvgRenderer

    make_icons = load_make_icons()
    renderer = QSvgRenderer(str(ICONS / "peelviewer.svg"))
    for size in SIZES:
        rendered = make_icons.render(renderer, size)
        committed = QImage(str(ICONS / f"peelviewer-{size}.png")).convertToFormat(
            rendered.format())
        differences = [
            abs(a - b)
            for a, b in zip(bytes(rendered.constBits()), bytes(committed.constBits()), strict=True)
        ]
        # Antialiasing may differ by a shade between Qt versions; a changed drawing won't.
        assert max(differences) <= 8, f"{size} px: run packaging/make_icons.py"


@pytest.mark.parametrize(("path", "fmt", "sizes"), [
    (PACKAGING / "windows" / "peelviewer.ico", b"ico", [16, 32, 48, 64, 128, 256]),
    (PACKAGING / "macos" / "peelviewer.icns", b"icns", [16, 32, 32, 64, 128, 256, 256, 512, 512]),
])
def test_the_windows_and_macos_icons_hold_the_same_pictures(qapp, path, fmt, sizes):
    if fmt not in QImageReader.supportedImageFormats():
        pytest.skip(f"this Qt cannot read .{fmt.decode()} files")
    reader = QImageReader(str(path))
    frames = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        frames.append(reader.read().convertToFormat(QImage.Format.Format_ARGB32))
    assert sorted(frame.width() for frame in frames) == sizes
    for frame in frames:
        png = QImage(str(ICONS / f"peelviewer-{frame.width()}.png"))
        assert frame == png.convertToFormat(QImage.Format.Format_ARGB32)


# The PyInstaller bundle


@pytest.fixture(scope="module")
def bundle():
    """dist/peelviewer built by `make bundle`, with the seconds the build took."""
    started = time.monotonic()
    result = subprocess.run(["make", "bundle"], cwd=ROOT, capture_output=True, text=True,
                            timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return ROOT / "dist" / "peelviewer", time.monotonic() - started


@pytest.mark.slow
@pytest.mark.gui  # the bundle's window opens
def test_the_bundle_starts_prints_its_version_and_reads_pdfs(bundle, qapp, tmp_path, hampshire):
    folder, seconds = bundle
    program = folder / "peelviewer"
    print(f"bundle built in {seconds:.0f} s")
    env = user_env(tmp_path, QT_QPA_PLATFORM="offscreen")

    def run(*args):
        return subprocess.run([program, *map(str, args)], env=env, capture_output=True,
                              text=True, timeout=120)

    version = run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"PEEL Viewer {__version__}"

    started = run("--db", tmp_path / "lib.peeldb", "--quit-after-paint")
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr

    # PDFs are read by pdfium in a spawned child: the frozen executable must start it, from
    # the command line and from the window alike.
    pdf = print_to_pdf(hampshire.read_text(encoding="utf-8"), tmp_path / "hampshire.pdf")
    parsed = run("parse", pdf)
    assert parsed.returncode == 0, parsed.stderr
    assert parsed.stdout.splitlines()[0] == "Hampshire Constabulary · PEEL 2016 · Legitimacy"

    report = FIXTURES / "2018-legitimacy-detailed-findings.txt"
    staffordshire = print_to_pdf(report.read_text(encoding="utf-8"), tmp_path / "staffs.pdf")
    opened = run("--db", tmp_path / "window.peeldb", "--quit-after-paint", staffordshire)
    assert opened.returncode == 0, opened.stderr
    listed = run("list", "--db", tmp_path / "window.peeldb")
    assert "Staffordshire Police" in listed.stdout

    assert list(folder.rglob("peelviewer/resources/icons/peelviewer.svg"))
    assert not list(folder.rglob("*QtQuick*")), "unused Qt modules were bundled"
