"""Comparing by topic: sentences of two forces paired by what they are about, wherever they
stand, shown level; unpaired ones in place on their own side."""

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peelviewer.core import best_matches
from peelviewer.core.comparison.compare import compare_reports
from peelviewer.core.comparison.diff import DiffOptions, compare_texts, split_sentences
from peelviewer.core.comparison.topic_pairs import topic_places
from peelviewer.core.content_words import content_stems, stem
from peelviewer.core.importer import parse_file

BY_TOPIC = DiffOptions(force_placeholders=True, left_force="hampshire",
                       right_force="hertfordshire", by_topic=True)
Q1 = "To what extent does the force treat all of the people it serves with fairness and respect?"
Q3 = "To what extent does the force treat its workforce with fairness and respect?"


def narratives(hampshire, hertfordshire, question: str) -> tuple[str, str]:
    texts = []
    for path in (hampshire, hertfordshire):
        report = parse_file(path)
        texts.append(next(q.narrative for q in report.questions if q.text == question))
    return texts[0], texts[1]


def pairs(comparison) -> dict[str, str]:
    """Left sentence -> the right sentence on its row, for rows that pair two."""
    return {row.left.text: row.right.text for row in comparison.rows
            if row.left is not None and row.right is not None}


def test_q3_pairs_wellbeing_performance_review_and_engagement_sentences(hampshire,
                                                                      hertfordshire):
    comparison = compare_texts(*narratives(hampshire, hertfordshire, Q3), options=BY_TOPIC)
    paired = pairs(comparison)
    # Wellbeing: Hampshire's two wellbeing sentences sit level with Hertfordshire's two.
    wellbeing = {
        paired["Generally, the force is committed to workforce wellbeing and we found evidence "
               "of good practice through new facilities, increasing interest from supervisors, "
               "and individual initiatives."],
        paired["But it does not yet have the means to collate all information around wellbeing "
               "to achieve a comprehensive understanding of the needs of its workforce."],
    }
    assert wellbeing == {"Hertfordshire Constabulary understands and values workforce wellbeing.",
                         "It is providing improved wellbeing services for its workforce."}
    # Performance reviews (PDRs): managing performance, and the review system itself.
    assert paired["Hampshire Constabulary also requires improvement in how it manages the "
                  "performance of its officers and staff."] == (
        "The force has comprehensive arrangements in place to manage individual performance "
        "through PDRs.")
    assert paired["The performance development review system is used inconsistently."] == (
        "PDRs are not systematically assessed for effectiveness and fairness, and those to "
        "whom we spoke perceived the current system as a frustration and a necessity rather "
        "than as a route to professional development.")
    # Grievances: Hertfordshire's Q3 never says the word; the sentence about Hampshire's
    # engagement and grievance mechanisms pairs with Hertfordshire's engagement methods.
    assert paired["The force has several effective mechanisms for engaging with the workforce, "
                  "but its grievance procedures lack credibility."].startswith(
        "Hertfordshire Constabulary employs a wide range of methods to identify and understand "
        "the issues that affect its workforce")
    assert {row.kind for row in comparison.rows} == {"topic", "delete", "insert"}
    assert comparison.by_topic
    assert comparison.similarity > 0


def test_q1_of_two_forces_is_no_longer_0_percent_similar(hampshire, hertfordshire):
    texts = narratives(hampshire, hertfordshire, Q1)
    assert compare_texts(*texts, options=DiffOptions(force_placeholders=True)).similarity == 0
    comparison = compare_texts(*texts, options=BY_TOPIC)
    assert comparison.similarity >= 5
    assert pairs(comparison)["The force seeks feedback to identify those issues which have the "
                             "greatest impact on the public’s perceptions of fairness through a "
                             "variety of mechanisms, beyond the use of independent advisory "
                             "groups, including online feedback as well as focused work with a "
                             "range of different groups."] == (
        "The force seeks feedback using a range of methods, including surveys and engagement "
        "activities.")


def test_sentences_sharing_one_common_word_stay_apart():
    comparison = compare_texts("The workforce enjoys the new gym facilities.",
                               "Vetting of the workforce is slow.",
                               options=DiffOptions(by_topic=True))
    assert [row.kind for row in comparison.rows] == ["delete", "insert"]


def test_identical_and_edited_sentences_pair_wherever_they_stand():
    left = ("The force manages performance well. It vets every officer on promotion. "
            "Wellbeing services are good.")
    right = ("Wellbeing services are very good. Stop and search is recorded. "
             "The force manages performance well.")
    comparison = compare_texts(left, right, options=DiffOptions(by_topic=True))
    assert [(row.kind, row.left and row.left.text, row.right and row.right.text)
            for row in comparison.rows] == [
        ("equal", "The force manages performance well.", "The force manages performance well."),
        ("delete", "It vets every officer on promotion.", None),
        ("replace", "Wellbeing services are good.", "Wellbeing services are very good."),
        ("insert", None, "Stop and search is recorded."),
    ]
    replaced = comparison.rows[2]
    assert [op[0] for op in replaced.words] == ["equal", "insert", "equal"]


@pytest.mark.parametrize(
    ("left_count", "right_count", "partners", "places"),
    [
        # Nothing pairs: the left text, then the right text, as in the in-order view.
        (2, 2, {}, [(0, None), (1, None), (None, 0), (None, 1)]),
        # An unpaired right sentence follows the row of the paired one before it.
        (2, 3, {0: 2, 1: 0}, [(0, 2), (1, 0), (None, 1)]),
        # Right sentences before every paired one go just before the first paired one's row.
        (3, 3, {2: 2}, [(0, None), (1, None), (None, 0), (None, 1), (2, 2)]),
        # Several after one pair keep the right text's order, before the next left row.
        (2, 4, {0: 1}, [(None, 0), (0, 1), (None, 2), (None, 3), (1, None)]),
    ],
)
def test_where_unpaired_sentences_go(left_count, right_count, partners, places):
    scored = {i: (j, 0.5) for i, j in partners.items()}
    assert topic_places(left_count, right_count, scored) == places


@pytest.mark.parametrize(
    ("words", "stem_"),
    [
        (("engaging", "engaged", "engagement", "engage"), "engag"),
        (("performance", "performing", "performed"), "perform"),
        (("systematically", "systematic", "systems"), "system"),
        (("vetting", "vetted", "vets"), "vet"),
        (("delays", "delayed", "delay"), "delai"),
        (("grievance", "grievances"), "griev"),
    ],
)
def test_stems_of_one_word_agree(words, stem_):
    assert {stem(word) for word in words} == {stem_}


def test_content_words_leave_out_stop_words_report_words_numbers_and_possessives():
    assert content_stems("In 2016 the force’s workforce had stress-related leave, "
                         "HMIC found.") == ["workforc", "stress", "relat", "leav"]


def test_compare_reports_chooses_by_topic_for_two_forces_and_in_order_across_years(
        hampshire, hertfordshire):
    left, right = parse_file(hampshire), parse_file(hertfordshire)
    assert compare_reports(left, right).options.by_topic is True
    assert compare_reports(left, right).section("q3").comparison.by_topic
    in_order = compare_reports(left, right, options=DiffOptions(by_topic=False))
    assert in_order.options.by_topic is False
    assert not any(row.kind == "topic" for s in in_order.sections for row in s.comparison.rows)
    later = parse_file(hampshire)
    later = type(later)(**{**later.__dict__, "cycle": "2017"})
    assert compare_reports(left, later).options.by_topic is False
    assert compare_reports(left, later, options=DiffOptions(by_topic=True)).options.by_topic


SENTENCES = [
    "The force is good at vetting.",
    "Vetting of officers is slow and the backlog is growing.",
    "Hampshire Constabulary manages staff wellbeing well.",
    "Hertfordshire Constabulary manages staff wellbeing poorly.",
    "Performance reviews are not monitored for completion.",
    "PDRs are completed but performance reviews lack value.",
    "• Staff are not trained.",
    "Good",
    "It listens to the public.",
]
OPTIONS = st.builds(DiffOptions, ignore_case=st.booleans(), ignore_punctuation=st.booleans(),
                    force_placeholders=st.booleans(), left_force=st.just("hampshire"),
                    right_force=st.just("hertfordshire"), by_topic=st.just(True))


@settings(deadline=None)
@given(left=st.lists(st.sampled_from(SENTENCES), max_size=10),
       right=st.lists(st.sampled_from(SENTENCES), max_size=10), options=OPTIONS)
def test_by_topic_every_left_sentence_in_order_and_every_right_one_once(left, right, options):
    left_text, right_text = "\n\n".join(left), "\n\n".join(right)
    comparison = compare_texts(left_text, right_text, options=options)
    rows = comparison.rows
    assert [row.left for row in rows if row.left] == split_sentences(left_text)
    shown_right = [row.right for row in rows if row.right]
    assert sorted(shown_right, key=lambda s: s.start) == split_sentences(right_text)
    for row in rows:
        assert row.kind != "moved"
        assert (row.left is not None and row.right is not None) == (
            row.kind in ("equal", "replace", "topic"))
    # An unpaired right sentence follows the right sentence before it in the right text, or
    # (when no paired one comes before it) precedes the one after it.
    index = {sentence.start: j for j, sentence in enumerate(split_sentences(right_text))}
    shown = [index[row.right.start] for row in rows if row.right]
    paired = {index[row.right.start] for row in rows if row.left and row.right}
    for place, j in enumerate(shown):
        if j in paired:
            continue
        if any(k < j for k in paired):
            assert shown[place - 1] == j - 1
        else:
            assert place + 1 == len(shown) or shown[place + 1] == j + 1
    # With placeholders, a left-force name on the right is another force: not the same.
    if left == right and not options.force_placeholders:
        assert {row.kind for row in rows} <= {"equal"}
    assert 0.0 <= comparison.similarity <= 100.0
    assert all(a.left is None or b.left is None or a.left.start < b.left.start
               for a, b in pairwise(rows))


def test_long_texts_scored_as_one_matrix_pair_as_short_ones_do(monkeypatch, hampshire,
                                                               hertfordshire):
    left, right = (path.read_text(encoding="utf-8") for path in (hampshire, hertfordshire))
    one_call_per_sentence = compare_texts(left, right, options=BY_TOPIC)
    in_order = compare_texts(left, right, options=DiffOptions(force_placeholders=True))
    monkeypatch.setattr(best_matches, "LARGE", 0)  # every text "long": numpy's matrix
    assert compare_texts(left, right, options=BY_TOPIC) == one_call_per_sentence
    assert compare_texts(left, right, options=DiffOptions(force_placeholders=True)) == in_order
