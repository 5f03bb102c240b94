"""Sentences and paragraphs of report prose: what the comparison lines up."""

from peelviewer.core.sentences import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_sentences_end_at_full_stops_but_not_after_abbreviations_or_initials():
    assert texts("The force works with Dr. Patel. It is good, e.g. at vetting. J. Smith "
                 "agreed.") == ["The force works with Dr. Patel.",
                                "It is good, e.g. at vetting.", "J. Smith agreed."]


def test_a_word_after_a_line_break_is_read_as_a_word():
    # "Mr." starts the line: the word before the stop begins after the line break.
    assert texts("It was raised by the\nMr. Jones of the panel. Then it ended.") == [
        "It was raised by the\nMr. Jones of the panel.", "Then it ended."]
    assert texts("The force improved\nvetting. It now checks.") == [
        "The force improved\nvetting.", "It now checks."]


def test_paragraphs_are_counted_and_bullets_start_their_own():
    found = split_sentences("First one. Second one.\n\nThird.\n• A bullet. Its end.")
    assert [(s.text, s.paragraph) for s in found] == [
        ("First one.", 0), ("Second one.", 0), ("Third.", 1), ("• A bullet.", 2),
        ("Its end.", 2)]
