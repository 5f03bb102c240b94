"""Last session's picture of the grades: shown at start only while it is still true."""

from __future__ import annotations

from PySide6.QtGui import QImage

from peelviewer.core.importer import import_paths
from peelviewer.ui import last_picture
from tests.conftest import FIXTURES


def closed_with_picture(window):
    window.close()  # writes the view's settings, as at the end of a session
    last_picture.save(window.settings, window.store, window.centre)


def test_an_unchanged_library_shows_last_sessions_grades_at_once(make_window, samples_store,
                                                                 settings):
    window = make_window(samples_store)
    window.reload(cycle="2016", pillar="legitimacy")
    closed_with_picture(window)
    shown = window.centre.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    later = make_window(None)
    picture = last_picture.fresh_picture(settings, samples_store, later.centre)
    assert picture is not None
    assert picture.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB32) == shown


def test_a_changed_library_or_view_shows_no_picture(make_window, samples_store, settings):
    window = make_window(samples_store)
    closed_with_picture(window)
    later = make_window(None)
    settings.setValue("view/sort", "grade")
    assert last_picture.fresh_picture(settings, samples_store, later.centre) is None
    settings.setValue("view/sort", "name")
    assert last_picture.fresh_picture(settings, samples_store, later.centre) is not None
    import_paths(samples_store, [FIXTURES / "welsh-banner.txt"])
    assert last_picture.fresh_picture(settings, samples_store, later.centre) is None


def test_a_missing_or_broken_picture_is_no_picture(make_window, samples_store, settings,
                                                   tmp_path):
    window = make_window(samples_store)
    closed_with_picture(window)
    image, key = last_picture._files(settings)
    image.write_bytes(b"not a png")
    assert last_picture.fresh_picture(settings, samples_store, window.centre) is None
    key.write_text("{", encoding="utf-8")
    assert last_picture.fresh_picture(settings, samples_store, window.centre) is None
