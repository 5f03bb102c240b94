"""Search as a reader types it: the text most about the words comes first, every word must
be there, stems and prefixes and phrases match as promised, headlines are searched, and
search syntax typed by accident finds the words instead of failing."""

import pytest

from peelviewer.core.model import Finding, Grade, Question, Report
from peelviewer.core.search import MATCH_END, MATCH_START

FILLER = ("The force has plans for the coming year and reviews them with partners each "
          "quarter, reporting to the police and crime commissioner on progress made. ")


def report(force_id: str, *, summary: str, narrative: str = "", finding: str = "",
           headline: str = "How legitimate is the force?") -> Report:
    findings = (Finding("area_for_improvement", finding),) if finding else ()
    question = Question(number=1, text="How well does the force treat its workforce?",
                        grade=Grade.GOOD, grade_source="stated", narrative=narrative,
                        findings=findings)
    return Report(force_id=force_id, cycle="2017", pillar="legitimacy", headline=headline,
                  grade=Grade.GOOD, grade_source="stated", summary=summary,
                  questions=(question,))


def add(store, reports: list[Report]) -> None:
    for index, item in enumerate(reports):
        store.add_report(item, sha256=f"{index:064d}", file_name=f"{item.force_id}.txt",
                         kind="txt", size=1)


def plain(snippet: str) -> str:
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def test_the_summary_most_about_the_words_comes_first(store):
    add(store, [
        report("kent", summary=FILLER * 4 + "Wellbeing is mentioned once here."),
        report("essex", summary="Wellbeing support is strong: wellbeing leads check on "
                                "every officer's wellbeing."),
        report("surrey", summary=FILLER + "Staff wellbeing matters."),
    ])
    hits = [h for h in store.search("wellbeing") if h.field == "summary"]
    assert [h.force_id for h in hits] == ["essex", "surrey", "kent"]


def test_every_word_typed_must_be_in_the_text(store):
    add(store, [
        report("kent", summary="Vetting is thorough and wellbeing support is good."),
        report("essex", summary="Vetting is thorough."),
        report("surrey", summary="Wellbeing support is good."),
    ])
    assert [h.force_id for h in store.search("vetting wellbeing")] == ["kent"]
    assert store.search_count("vetting wellbeing") == 1
    assert store.search_count("vetting") == 2


def test_stems_prefixes_and_phrases_match_as_promised(store):
    add(store, [
        report("kent", summary="Officers are vetted before they start."),
        report("essex", summary="The vetting unit has a backlog."),
        report("surrey", summary="Veterans are welcomed."),
        report("sussex", summary="Officers stop and search fairly."),
        report("hampshire", summary="Officers stop people, then search records."),
    ])
    # One word finds its other forms ("vetting" and "vetted" share a stem)…
    assert {h.force_id for h in store.search("vetting")} == {"kent", "essex"}
    # …a trailing * any word it starts…
    assert {h.force_id for h in store.search("vet*")} == {"kent", "essex", "surrey"}
    # …and quotes the words side by side, in order.
    assert [h.force_id for h in store.search('"stop and search"')] == ["sussex"]
    assert {h.force_id for h in store.search("stop search")} == {"sussex", "hampshire"}


def test_a_headline_is_searched_and_its_words_marked(store):
    add(store, [report("kent", summary="Nothing to see.", headline="How fair is Kent Police?")])
    [hit] = store.search("fair")
    assert (hit.force_id, hit.field) == ("kent", "summary")
    assert f"{MATCH_START}fair{MATCH_END}" in hit.snippet
    marks = store.search_marks("fair", "kent", "2017", "legitimacy")
    assert marks == {"How fair is Kent Police?": ((4, 8),)}


@pytest.mark.parametrize(("typed", "found"), [
    # Punctuation between words is dropped…
    ("wellbeing -vetting", {"kent", "sussex"}),
    ('"wellbeing vetting', {"kent", "sussex"}),
    ("(wellbeing) AND vetting^", {"kent", "sussex"}),  # both say "and"
    ("wellbeing + vetting", {"kent", "sussex"}),
    ("wellbeing, vetting.", {"kent", "sussex"}),
    # …and FTS operators are words like any other, to be found in the text.
    ("wellbeing NOT vetting", {"sussex"}),
    ("summary:wellbeing vetting", set()),
    ("NEAR(wellbeing vetting)", set()),
])
def test_search_syntax_typed_by_accident_finds_words_and_never_fails(store, typed, found):
    add(store, [
        report("kent", summary="Vetting and wellbeing are both good."),
        report("essex", summary="Wellbeing is good."),
        report("surrey", summary="Summary of vetting only."),
        report("sussex", summary="Wellbeing and vetting: not and near are words too."),
    ])
    assert {h.force_id for h in store.search(typed)} == found
    assert store.search_count(typed) == len(found)


def test_a_word_with_an_apostrophe_is_found(store):
    add(store, [report("kent", summary="The force’s leaders listen to officers' views.")])
    assert [h.force_id for h in store.search("force’s")] == ["kent"]
    assert [h.force_id for h in store.search("officers'")] == ["kent"]
    assert [h.force_id for h in store.search("force's")] == ["kent"]


def test_hits_from_narratives_and_findings_name_their_question(store):
    add(store, [report("kent", summary="A summary.",
                       narrative="Supervisors review body-worn video footage weekly.",
                       finding="The force should review body-worn video footage.")])
    hits = store.search("footage")
    assert sorted(h.field for h in hits) == ["area_for_improvement", "question"]
    assert {(h.question_number, h.question_text) for h in hits} == {
        (1, "How well does the force treat its workforce?")}
