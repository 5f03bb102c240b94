"""What every report layout promises, checked the same way for each: subclass LayoutContract
and name the layout, pages of its kind, and pages of other kinds."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peelviewer.core.forces import force_by_id
from peelviewer.core.framework import topic
from peelviewer.core.layouts.base import Layout, ParseError
from peelviewer.core.model import CYCLES


class LayoutContract:
    layout: ClassVar[Layout]
    own_pages: ClassVar[tuple[Path, ...]]  # pages this layout must read
    other_pages: ClassVar[tuple[Path, ...]]  # pages it must leave to other layouts


    @classmethod
    def texts(cls, paths: tuple[Path, ...]) -> list[str]:
        return [path.read_text(encoding="utf-8") for path in paths]

    def test_it_is_sure_of_every_page_of_its_kind(self):
        for path, text in zip(self.own_pages, self.texts(self.own_pages), strict=True):
            assert self.layout.score(text) == 1.0, path.name

    def test_it_claims_no_page_of_another_kind(self):
        for path, text in zip(self.other_pages, self.texts(self.other_pages), strict=True):
            assert self.layout.score(text) == 0.0, path.name

    def test_every_page_gives_reports_with_a_known_force_and_cycle(self):
        for text in self.texts(self.own_pages):
            reports = self.layout.parse(text)
            assert reports
            for report in reports:
                assert force_by_id(report.force_id)
                assert report.cycle in CYCLES
                assert report.questions

    def test_questions_are_numbered_from_one_in_page_order(self):
        for text in self.texts(self.own_pages):
            for report in self.layout.parse(text):
                numbers = [q.number for q in report.questions]
                assert numbers == sorted(numbers)
                assert numbers[0] >= 1

    def test_a_grade_always_says_how_it_is_known(self):
        for text in self.texts(self.own_pages):
            for report in self.layout.parse(text):
                for q in report.questions:
                    assert (q.grade is None) == (q.grade_source is None), q.text
                    assert q.graded or q.grade is None, q.text

    def test_keys_come_from_the_framework_catalogue(self):
        for text in self.texts(self.own_pages):
            for report in self.layout.parse(text):
                for q in report.questions:
                    assert q.key is None or topic(q.key) is not None

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.differing_executors])
    @given(data=st.data())
    def test_any_cut_of_a_page_parses_or_is_refused_with_a_reason(self, data):
        text = data.draw(st.sampled_from(self.texts(self.own_pages)))
        lines = text.split("\n")
        start = data.draw(st.integers(0, len(lines) // 3))
        end = data.draw(st.integers(start, len(lines)))
        try:
            reports = self.layout.parse("\n".join(lines[start:end]))
        except ParseError as error:
            assert str(error)
        else:  # a copy with no questions says it is partial
            for report in reports:
                assert report.questions or any("partial" in w for w in report.warnings)

    def test_report_text_stays_literal(self):
        text = self.texts(self.own_pages)[0]
        marked = text.replace("\nThe ", "\n<b>The</b> <script>x()</script> ", 1)
        reports = self.layout.parse(marked)
        everything = " ".join(
            [r.summary for r in reports]
            + [q.narrative for r in reports for q in r.questions]
            + [f.text + f.detail for r in reports for q in r.questions for f in q.findings])
        assert "<b>The</b> <script>x()</script>" in everything
