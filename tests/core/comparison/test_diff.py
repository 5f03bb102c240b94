"""Prose diff: sentence splitting, alignment (equal, edited, moved), word changes, options."""

import dataclasses
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peelviewer.core.comparison import diff
from peelviewer.core.comparison.diff import (
    Comparison,
    DiffOptions,
    Row,
    compare_texts,
    split_sentences,
    tokenize_words,
)
from peelviewer.core.comparison.document import build_pair_document
from peelviewer.core.importer import parse_file

PLACEHOLDERS = DiffOptions(force_placeholders=True, left_force="hampshire",
                           right_force="hertfordshire")
Q2 = "How well does the force ensure that its workforce behaves ethically and lawfully?"
Q3 = "To what extent does the force treat its workforce with fairness and respect?"


def table(comparison: Comparison) -> list[tuple[str, str | None, str | None]]:
    """What a side-by-side view paints: kind, left text, right text, top to bottom."""
    return [(row.kind, row.left.text if row.left else None, row.right.text if row.right else None)
            for row in comparison.rows]


def highlighted(row: Row, partner: Row | None = None) -> list[tuple[str, str]]:
    """The left and right words of each non-equal word opcode, as a view would mark them;
    a moved sentence's other side is on its partner row."""
    pair = [row.left or (partner and partner.left), row.right or (partner and partner.right)]
    left, right = ([token for token, _, _ in tokenize_words(s.text)] for s in pair)
    return [(" ".join(left[a1:a2]), " ".join(right[b1:b2]))
            for tag, a1, a2, b1, b2 in row.words if tag != "equal"]


def narrative(path: Path, question: str) -> str:
    """A question's narrative: the paragraphs after its grade line, up to its findings."""
    paragraphs = path.read_text(encoding="utf-8").split(question, 1)[1].split("\n\n")
    return "\n\n".join(paragraphs[2:paragraphs.index("Areas for improvement")])


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The force is good. It listens.", ["The force is good.", "It listens."]),
        ("It uses surveys, e.g. Pulse. They help.", ["It uses surveys, e.g. Pulse.", "They help."]),
        ("Forces, i.e. Kent and Essex, agreed. Good.",
         ["Forces, i.e. Kent and Essex, agreed.", "Good."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("See No. 5 for details. Then act.", ["See No. 5 for details.", "Then act."]),
        ("Sickness fell by 2.5 per cent. It rose.", ["Sickness fell by 2.5 per cent.", "It rose."]),
        ("J. R. Smith chaired it. He left.", ["J. R. Smith chaired it.", "He left."]),
        ("Does it work? Yes, it does.", ["Does it work?", "Yes, it does."]),
        ("Staff liked ‘The Herts Way.’ Managers did too.",
         ["Staff liked ‘The Herts Way.’", "Managers did too."]),
        ("He said “it works.” Others agreed.", ["He said “it works.”", "Others agreed."]),
        ("‘Why?’ asked the officer. Nobody knew.", ["‘Why?’ asked the officer.", "Nobody knew."]),
        ("The force, e.g. in Kent, is good", ["The force, e.g. in Kent, is good"]),
        ("", []),
        (" \n\n  ", []),
    ],
)
def test_sentences_split_at_full_stops_but_not_abbreviations_or_decimals(text, sentences):
    assert [sentence.text for sentence in split_sentences(text)] == sentences


def test_paragraphs_and_bullets_are_kept_and_offsets_point_into_the_text():
    text = ("Areas for improvement\n\n• The force should improve vetting.\n"
            "• The force should act. It must.")
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Areas for improvement", 0),
        ("• The force should improve vetting.", 1),
        ("• The force should act.", 2),
        ("It must.", 2),
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_words_and_marks_are_tokens_with_offsets():
    assert tokenize_words("The force’s PDRs, e.g. 2.5 stress-related.") == [
        ("The", 0, 3), ("force", 4, 9), ("’s", 9, 11), ("PDRs", 12, 16), (",", 16, 17),
        ("e.g.", 18, 22), ("2.5", 23, 26), ("stress-related", 27, 41), (".", 41, 42),
    ]


def test_identical_texts_are_one_equal_block_and_100_percent():
    text = "The force is good. It listens to staff.\n\nIt acts on feedback."
    comparison = compare_texts(text, text)
    assert table(comparison) == [("equal", s, s) for s in
                                 ("The force is good.", "It listens to staff.",
                                  "It acts on feedback.")]
    assert comparison.similarity == 100.0
    assert comparison.changes() == []


@pytest.mark.parametrize(
    ("left", "right", "rows", "similarity"),
    [
        ("", "", [], 100.0),
        ("", "It acts. It listens.",
         [("insert", None, "It acts."), ("insert", None, "It listens.")], 0.0),
        ("It acts. It listens.", "",
         [("delete", "It acts.", None), ("delete", "It listens.", None)], 0.0),
    ],
)
def test_empty_sides(left, right, rows, similarity):
    comparison = compare_texts(left, right)
    assert table(comparison) == rows
    assert comparison.similarity == similarity


def test_a_sentence_moved_from_start_to_end_is_moved_not_deleted_and_inserted():
    moving = "The force is good at vetting its staff."
    rest = "It listens to staff. It acts on feedback. It publishes results."
    comparison = compare_texts(f"{moving} {rest}", f"{rest} {moving}")
    assert table(comparison) == [
        ("moved", moving, None),
        ("equal", "It listens to staff.", "It listens to staff."),
        ("equal", "It acts on feedback.", "It acts on feedback."),
        ("equal", "It publishes results.", "It publishes results."),
        ("moved", None, moving),
    ]
    assert [row.partner for row in comparison.rows] == [4, None, None, None, 0]
    assert comparison.changes() == [0, 4]


def test_a_moved_and_edited_sentence_shows_its_word_change_on_both_rows():
    comparison = compare_texts(
        "The force is good at vetting its staff. It listens. It acts. It publishes.",
        "It listens. It acts. It publishes. The force is poor at vetting its staff.",
    )
    assert [row.kind for row in comparison.rows] == ["moved", "equal", "equal", "equal",
                                                     "moved"]
    first, last = comparison.rows[0], comparison.rows[-1]
    assert first.words == last.words
    assert highlighted(first, last) == [("good", "poor")]
    assert first.similarity == last.similarity == 16 / 18  # 8 of 9 tokens a side


def test_short_grade_lines_in_other_places_are_not_called_moved():
    comparison = compare_texts("Good\n\nThe force acts on feedback.\n\nRequires improvement",
                               "Requires improvement\n\nThe force acts on feedback.\n\nGood")
    assert [row.kind for row in comparison.rows] == ["delete", "insert", "equal", "delete",
                                                     "insert"]


def test_a_one_word_change_in_a_long_sentence_highlights_that_word_only():
    before = ("The force has good arrangements for vetting people applying to be officers, "
              "staff and volunteers, and undertakes some vetting of contractors.")
    comparison = compare_texts(before, before.replace("good", "poor"))
    [row] = comparison.rows
    assert row.kind == "replace"
    assert highlighted(row) == [("good", "poor")]
    assert [op[0] for op in row.words] == ["equal", "replace", "equal"]


def test_a_short_word_between_two_changes_joins_them_into_one():
    comparison = compare_texts("It improved the vetting of staff quickly.",
                               "It reviewed the training of staff quickly.")
    assert comparison.rows[0].words == (
        ("equal", 0, 1, 0, 1), ("replace", 1, 4, 1, 4), ("equal", 4, 8, 4, 8),
    )
    assert highlighted(comparison.rows[0]) == [("improved the vetting", "reviewed the training")]


def test_similarity_counts_characters_of_matched_words():
    comparison = compare_texts("A b c.", "A b d.")
    assert table(comparison) == [("replace", "A b c.", "A b d.")]
    assert comparison.similarity == 75.0  # "A", "b" and "." on both sides: 6 of 8 characters
    assert comparison.rows[0].similarity == 0.75


@pytest.mark.parametrize(
    ("left", "right", "options", "kind"),
    [
        ("Hampshire Constabulary is good at X.", "Hertfordshire Constabulary is good at X.",
         PLACEHOLDERS, "equal"),
        ("Hampshire Constabulary is good at X.", "Hertfordshire Constabulary is good at X.",
         DiffOptions(), "replace"),
        ("Hampshire Constabulary’s values are clear.", "The force’s values are clear.",
         PLACEHOLDERS, "equal"),
        ("Hampshire works with the constabulary.", "Herts works with the force.",
         PLACEHOLDERS, "equal"),
        ("Kent Police shares staff with Hampshire.", "Kent Police shares staff with Herts.",
         PLACEHOLDERS, "equal"),
        ("Essex Police shares staff with Hampshire.", "Kent Police shares staff with Herts.",
         PLACEHOLDERS, "replace"),
    ],
)
def test_force_placeholders_make_each_sides_own_force_names_compare_equal(
    left, right, options, kind
):
    [row] = compare_texts(left, right, options=options).rows
    assert (row.kind, row.left.text, row.right.text) == (kind, left, right)


def test_without_placeholders_only_the_force_name_is_highlighted():
    [row] = compare_texts("Hampshire Constabulary is good at X.",
                          "Hertfordshire Constabulary is good at X.").rows
    assert highlighted(row) == [("Hampshire", "Hertfordshire")]


def test_a_placeholder_is_one_word_in_the_word_changes():
    [row] = compare_texts("Hampshire Constabulary is good.", "Hertfordshire Constabulary is poor.",
                          options=PLACEHOLDERS).rows
    assert row.words == (("equal", 0, 3, 0, 3), ("replace", 3, 4, 3, 4), ("equal", 4, 5, 4, 5))


@pytest.mark.parametrize(
    ("options", "kind"),
    [
        (DiffOptions(), "replace"),
        (DiffOptions(ignore_case=True), "replace"),
        (DiffOptions(ignore_punctuation=True), "replace"),
        (DiffOptions(ignore_case=True, ignore_punctuation=True), "equal"),
    ],
)
def test_ignoring_case_and_punctuation_changes_what_is_compared_not_what_is_shown(options, kind):
    comparison = compare_texts("The force, however, is good.", "the force however is good",
                               options=options)
    assert table(comparison) == [(kind, "The force, however, is good.",
                                  "the force however is good")]


def test_ignored_punctuation_is_never_highlighted():
    [row] = compare_texts("The force, however, is good.", "The force however is poor.",
                          options=DiffOptions(ignore_punctuation=True)).rows
    assert row.words == (("equal", 0, 6, 0, 4), ("replace", 6, 7, 4, 5), ("equal", 7, 8, 5, 6))


def test_ignored_punctuation_beside_a_deleted_word_stays_out_of_the_change():
    [row] = compare_texts("The force acts quickly, on feedback.", "The force acts, on feedback.",
                          options=DiffOptions(ignore_punctuation=True)).rows
    assert row.words == (("equal", 0, 3, 0, 4), ("delete", 3, 4, 4, 4), ("equal", 4, 8, 4, 7))
    assert highlighted(row) == [("quickly", "")]


def test_bullets_are_layout_not_a_difference():
    [row] = compare_texts("• The force should act.", "The force should act.").rows
    assert row.kind == "equal"


def test_changes_lists_rows_that_are_not_equal():
    comparison = compare_texts("It acts. The force is good at vetting. It listens.",
                               "It acts. The force is poor at vetting. It listens. It learns.")
    assert [row.kind for row in comparison.rows] == ["equal", "replace", "equal", "insert"]
    assert comparison.changes() == [1, 3]


def test_q2_narratives_of_two_forces_share_the_national_paragraph_and_template_line(
    hampshire, hertfordshire
):
    left, right = narrative(hampshire, Q2), narrative(hertfordshire, Q2)
    shared = [
        ("equal", s, s) for s in (
            "In our 2016 national overview of police legitimacy, we recommended that all forces "
            "should have started to implement a plan to achieve the capability and capacity "
            "required to seek intelligence on potential abuse of position for sexual gain.",
            "In 2017, we reviewed of the plans put in place by all forces to in response to "
            "this recommendation.",
        )
    ]
    template = ("Abuse of position assessment – Hampshire Constabulary",
                "Abuse of position assessment – Hertfordshire Constabulary")
    with_placeholders = table(compare_texts(left, right, options=PLACEHOLDERS))
    assert with_placeholders[-3:] == [*shared, ("equal", *template)]
    without = compare_texts(left, right)
    assert table(without)[-3:] == [*shared, ("replace", *template)]
    assert highlighted(without.rows[-1]) == [("Hampshire", "Hertfordshire")]
    # The forces' own findings differ, and are not passed off as edits of each other.
    assert {kind for kind, _, _ in with_placeholders[:-3]} == {"delete", "insert"}


def test_q3_narratives_say_different_things_and_no_sentence_is_paired(hampshire, hertfordshire):
    left, right = narrative(hampshire, Q3), narrative(hertfordshire, Q3)
    comparison = compare_texts(left, right, options=PLACEHOLDERS)
    assert [row.left.text for row in comparison.rows if row.left] == [
        s.text for s in split_sentences(left)]
    assert comparison.rows[0].left.text == (
        "Hampshire Constabulary requires improvement in how it treats its workforce with care "
        "and respect.")
    assert {row.kind for row in comparison.rows} == {"delete", "insert"}
    assert comparison.similarity == 0.0


SENTENCES = [
    "The force is good at vetting.",
    "The force is poor at vetting.",
    "Hampshire Constabulary is good at vetting.",
    "Hertfordshire Constabulary listens to staff.",
    "It listens to staff, e.g. through surveys.",
    "It listens to the public.",
    "• Staff are not trained.",
    "Good",
    "Requires improvement",
    "Vetting is slow.",
]
OPTIONS = st.builds(DiffOptions, ignore_case=st.booleans(), ignore_punctuation=st.booleans(),
                    force_placeholders=st.booleans(), left_force=st.just("hampshire"),
                    right_force=st.just("hertfordshire"))


@settings(deadline=None)
@given(left=st.lists(st.sampled_from(SENTENCES), max_size=12),
       right=st.lists(st.sampled_from(SENTENCES), max_size=12), options=OPTIONS)
def test_every_sentence_appears_once_in_reading_order_on_each_side(left, right, options):
    left_text, right_text = "\n\n".join(left), "\n\n".join(right)
    comparison = compare_texts(left_text, right_text, options=options)
    rows = comparison.rows
    assert [row.left for row in rows if row.left] == split_sentences(left_text)
    assert [row.right for row in rows if row.right] == split_sentences(right_text)
    for index, row in enumerate(rows):
        assert (row.left is not None and row.right is not None) == (
            row.kind in ("equal", "replace"))
        if row.kind == "moved":
            partner = rows[row.partner]
            assert (partner.kind, partner.partner) == ("moved", index)
            assert (partner.left is None) == (row.left is not None)
        for sentence, ends in ((row.left, (1, 2)), (row.right, (3, 4))):
            if row.words and sentence:  # opcodes cover every token once, in order
                spans = [(op[ends[0]], op[ends[1]]) for op in row.words]
                assert (spans[0][0], spans[-1][1]) == (0, len(tokenize_words(sentence.text)))
                assert all(a[1] == b[0] for a, b in pairwise(spans))
                assert all(start <= end for start, end in spans)
    assert comparison.changes() == [i for i, row in enumerate(rows) if row.kind != "equal"]
    assert 0.0 <= comparison.similarity <= 100.0
    # With placeholders, a left-force name on the right is another force: not the same.
    if left == right and not options.force_placeholders:
        assert {row.kind for row in rows} <= {"equal"}
        assert comparison.similarity == 100.0


# More distinct words than there are characters above the surrogates (1,048,576): no report
# has them, but a crafted page must still compare, and export, without an error.
MANY_WORDS = " ".join(map("w{}".format, range(1_100_001)))


def test_texts_of_more_distinct_words_than_characters_compare():
    comparison = compare_texts("The force should act now.\n\n" + MANY_WORDS,
                               "The force must act now.\n\nA short tail.")
    assert table(comparison) == [
        ("replace", "The force should act now.", "The force must act now."),
        ("delete", MANY_WORDS, None),
        ("insert", None, "A short tail."),
    ]
    assert highlighted(comparison.rows[0]) == [("should", "must")]


def test_compare_and_the_pdf_document_survive_more_distinct_words_than_characters(
        hampshire, hertfordshire):
    left, right = parse_file(hampshire), parse_file(hertfordshire)
    long_q1 = dataclasses.replace(left.questions[0], narrative=MANY_WORDS + ".")
    left = dataclasses.replace(left, questions=(long_q1, *left.questions[1:]))

    class Library:  # the one Store method the builder reads (a real store indexes 9 MB)
        @staticmethod
        def report(force_id, cycle, pillar):
            return {"hampshire": left, "hertfordshire": right}[force_id]

    document = build_pair_document(Library(), ("hampshire", "2016", "legitimacy"),
                                   ("hertfordshire", "2016", "legitimacy"))
    assert "w1100000." in document.body_html  # the left side of Q1, in full
    assert "national overview" in document.body_html  # and the questions after it


def test_words_coded_as_numbers_compare_as_words_coded_as_characters(monkeypatch, hampshire,
                                                                    hertfordshire):
    left, right = hampshire.read_text(encoding="utf-8"), hertfordshire.read_text(
        encoding="utf-8")
    as_characters = compare_texts(left, right, options=PLACEHOLDERS)
    monkeypatch.setattr(diff, "_CHAR_CODES", 50)  # a vocabulary full after fifty words
    assert compare_texts(left, right, options=PLACEHOLDERS) == as_characters
