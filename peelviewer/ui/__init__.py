"""The Qt layer: thin views over peelviewer.core."""

import os

# pyqtgraph picks its Qt binding at import time; it must be the one we ship.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
