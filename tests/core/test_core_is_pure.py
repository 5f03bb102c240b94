"""peelviewer.core must never load Qt or pyqtgraph: it runs in CLIs, child processes and tests."""

import pkgutil
import subprocess
import sys

import peelviewer.core


def test_importing_every_core_module_loads_no_qt():
    names = [m.name for m in pkgutil.iter_modules(peelviewer.core.__path__, "peelviewer.core.")]
    assert len(names) >= 8
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
