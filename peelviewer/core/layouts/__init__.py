"""Report layouts: the 2014-2018/19 pillar pages, the 2021/22-onwards whole-force reports and
the inspectorate's own PDF reports of 2015 to 2018/19."""

from __future__ import annotations

from peelviewer.core.layouts import modern, official, pillar_page
from peelviewer.core.layouts.base import Layout

LAYOUTS: tuple[Layout, ...] = (pillar_page.LAYOUT, modern.LAYOUT, official.LAYOUT)
# When no layout recognises a text, this one's parse gives the reason ("no title found",
# "an 'Other inspections' page").
REFUSING_LAYOUT: Layout = pillar_page.LAYOUT
