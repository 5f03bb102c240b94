"""The framework catalogue: one key for one question or area in every cycle that has it."""

import pytest

from peelviewer.core.framework import (
    area_named,
    cycle_for_years,
    normalise_cycle,
    topic,
    topic_of_question,
)

LEGITIMACY = [
    ("To what extent does the force treat all of the people it serves with fairness and "
     "respect?", "treatment-of-public"),
    ("How well does the force ensure that its workforce behaves ethically and lawfully?",
     "ethical-behaviour"),
    ("To what extent does the force treat its workforce with fairness and respect?",
     "positive-workplace"),
    ("How well does the force record crime?", "recording-data"),
]
EFFECTIVENESS = [
    ("How effective is the force at preventing crime, tackling anti-social behaviour and "
     "keeping people safe?", "preventing-crime"),
    ("How effective is the force at investigating crime and reducing re-offending?",
     "investigating-crime"),
    ("How effective is the force at protecting those who are vulnerable from harm, and "
     "supporting victims?", "protecting-vulnerable"),
    ("How effective is the force at tackling serious and organised crime?",
     "serious-organised-crime"),
    ("How effective are the force’s specialist capabilities?", "specialist-capabilities"),
]
EFFICIENCY = [
    ("How well does the force understand demand?", "understanding-demand"),
    ("How well does the force use its resources to meet demand?", "use-of-resources"),
    ("How well does the force meet current demands and use available resources?",
     "use-of-resources"),
    ("How well is the force planning for demand in the future?", "planning-for-future"),
]


@pytest.mark.parametrize(("pillar", "text", "key"), [
    *(("legitimacy", text, key) for text, key in LEGITIMACY),
    *(("effectiveness", text, key) for text, key in EFFECTIVENESS),
    *(("efficiency", text, key) for text, key in EFFICIENCY),
])
def test_pillar_questions_get_the_key_of_their_topic(pillar, text, key):
    assert topic_of_question(pillar, text).key == key


def test_a_question_of_no_known_topic_gets_no_key_rather_than_a_wrong_one():
    assert topic_of_question("legitimacy", "How well does the force use stop and search?") \
        is None


@pytest.mark.parametrize(("printed", "key"), [
    ("Investigating crime", "investigating-crime"),
    ("Engaging with and treating the public with fairness and respect", "treatment-of-public"),
    ("Police powers and public treatment", "treatment-of-public"),
    ("Treating the public fairly, appropriately and respectfully", "treatment-of-public"),
    ("Building, supporting and protecting the workforce", "positive-workplace"),
    ("Developing a positive workplace", "positive-workplace"),
    ("Strategic planning, organisational management and value for money", "use-of-resources"),
    ("Good use of resources", "use-of-resources"),
    ("Managing offenders and suspects", "managing-offenders"),
    ("Providing a service to victims of crime", "victim-service"),
    ("Disrupting serious organised crime", "serious-organised-crime"),
    ("Tackling workforce corruption", "workforce-corruption"),
    ("Leadership and force management", "leadership-management"),
    ("Recording data about crime", "recording-data"),
    ("PREVENTING CRIME AND ANTI-SOCIAL BEHAVIOUR", "preventing-crime"),
])
def test_every_printed_area_name_has_its_key(printed, key):
    assert area_named(printed).key == key


def test_a_sentence_naming_an_area_is_not_an_area_heading():
    assert area_named("The force is good at investigating crime.") is None


def test_which_cycles_grade_what():
    assert not topic("victim-service").is_graded("2023-25")
    assert topic("recording-data").is_graded("2021/22")
    assert not topic("recording-data").is_graded("2015")
    assert not topic("strategic-policing-requirement").is_graded("2021/22")


@pytest.mark.parametrize(("first", "last", "cycle"), [
    (2014, None, "2014"), (2018, 19, "2018/19"), (2018, None, "2018/19"), (2021, 22, "2021/22"),
    (2023, 2025, "2023-25"), (2023, 25, "2023-25"), (2025, 27, "2025-27"), (2020, None, None),
    (2013, None, None),
])
def test_title_years_name_their_cycle(first, last, cycle):
    assert cycle_for_years(first, last) == cycle


@pytest.mark.parametrize(("typed", "cycle"), [
    ("2016", "2016"), ("2018", "2018/19"), ("2018-19", "2018/19"), ("2021/22", "2021/22"),
    ("2021-22", "2021/22"), ("2023-25", "2023-25"), ("2023–2025", "2023-25"),
    ("2025-27", "2025-27"), ("2020", None), ("latest", None),
])
def test_cycles_as_users_type_them(typed, cycle):
    assert normalise_cycle(typed) == cycle
