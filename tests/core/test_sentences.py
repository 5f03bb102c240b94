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


PARAGRAPHS = ("  The force is good.  It knows its area!\n\n"
              "Does it listen? Yes… mostly.\n   \n"
              "• One bullet; its end.\n• Another")


def test_each_sentence_is_its_slice_of_the_text():
    found = split_sentences(PARAGRAPHS)
    assert all(PARAGRAPHS[s.start:s.end] == s.text for s in found)
    assert [(s.text, s.paragraph) for s in found] == [
        ("The force is good.", 0), ("It knows its area!", 0),
        ("Does it listen?", 1), ("Yes… mostly.", 1),
        ("• One bullet; its end.", 2), ("• Another", 3)]


def test_nothing_but_space_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t\n") == []


def test_a_sentence_ends_before_a_capital_a_number_or_an_opening_quote_only():
    assert texts("It rose 5%. 12 forces did too.") == ["It rose 5%.", "12 forces did too."]
    assert texts("It said so. “We will,” it said.") == ["It said so.", "“We will,” it said."]
    assert texts("It is small. but it is lower case.") == ["It is small. but it is lower case."]
    assert texts("He asked ‘why?’ and left.") == ["He asked ‘why?’ and left."]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert texts("The force said ‘we will improve.’ Then it did. (It did.) Next.") == [
        "The force said ‘we will improve.’", "Then it did.", "(It did.)", "Next."]


def test_stops_inside_numbers_initialisms_and_list_numbers_end_nothing():
    assert texts("See No. 5 in the U.K. Police plan. It helps.") == [
        "See No. 5 in the U.K. Police plan.", "It helps."]
    assert texts("1. The force should act. It must.") == ["1. The force should act.",
                                                         "It must."]
    assert texts("It fell by 2.5 points. Then it rose.") == ["It fell by 2.5 points.",
                                                              "Then it rose."]
