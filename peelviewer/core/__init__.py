"""Pure-Python core: no Qt, no pyqtgraph."""
