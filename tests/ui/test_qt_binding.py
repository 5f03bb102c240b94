"""The Qt binding we ship must not corrupt Python's reference counts (PySide6 6.12.0 does)."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(bool)


def test_signal_emit_connect_and_disconnect_keep_true_alive(qapp):
    emitter = _Emitter()
    received = []
    before = sys.getrefcount(True)
    for _ in range(500):
        emitter.changed.connect(received.append)
        emitter.changed.emit(False)
        emitter.changed.disconnect(received.append)
    assert len(received) == 500
    # 6.12.0 drops one reference per call here and the interpreter aborts soon after.
    assert sys.getrefcount(True) >= before - 5
