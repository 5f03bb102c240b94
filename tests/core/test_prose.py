"""Grades and pillars stated in sentences rather than lines."""

import pytest

from peelviewer.core.model import Grade
from peelviewer.core.prose import (
    grade_in_prose,
    pillar_in_headline,
    question_is_ungraded_kind,
    says_carried_over,
)

RI = Grade.REQUIRES_IMPROVEMENT


@pytest.mark.parametrize(
    ("sentence", "grade"),
    [
        ("Kent Police has been assessed as good in respect of legitimacy.", Grade.GOOD),
        ("The force is judged to be outstanding at keeping people safe.", Grade.OUTSTANDING),
        ("We judged the force to be inadequate at protecting children.", Grade.INADEQUATE),
        ("Gwent Police is good at treating people fairly.", Grade.GOOD),
        ("The force remains outstanding.", Grade.OUTSTANDING),
        ("Kent Police requires improvement in how it treats its workforce.", RI),
        ("HMICFRS found the force to require improvement.", RI),
        ("The force was assessed as requiring improvement overall.", RI),
        ("The force has a good understanding of demand.", None),  # good, but no judgment
        ("The force is not good at recording crime.", None),
        ("Officers gave good examples of adequate supervision.", None),
        ("", None),
    ],
)
def test_grades_come_only_from_judging_phrases(sentence, grade):
    assert grade_in_prose(sentence) == grade


def test_the_earliest_judgment_in_a_paragraph_wins():
    text = ("Surrey Police is good at preventing crime. However, it requires improvement in "
            "how it protects vulnerable people.")
    assert grade_in_prose(text) == Grade.GOOD


@pytest.mark.parametrize(
    ("headline", "pillar"),
    [
        ("How effective is the force at keeping people safe and reducing crime?",
         "effectiveness"),
        ("How effectively does the force reduce crime and keep people safe?", "effectiveness"),
        ("How efficiently does the force operate and how sustainable are its services to the "
         "public?", "efficiency"),
        ("How legitimately does the force treat the public and its workforce?", "legitimacy"),
        ("How well the force tackles crime", "effectiveness"),
        ("How well the force delivers value for money", "efficiency"),
        ("Does the force act with integrity and provide a service the public expects?",
         "legitimacy"),
        ("How well led is the force?", "leadership"),
        ("Keeping people safe and reducing crime", None),
    ],
)
def test_the_pillar_a_headline_asks_about(headline, pillar):
    assert pillar_in_headline(headline) == pillar


def test_carried_over_and_never_graded_questions_are_recognised():
    assert says_carried_over("This judgment has been carried over from 2016.")
    assert says_carried_over("The grade was carried forward.")
    assert not says_carried_over("The force carried out a review.")
    assert question_is_ungraded_kind("effectiveness", "How well does the force maintain "
                                                      "specialist capabilities?")
    assert question_is_ungraded_kind("legitimacy", "How well does the force record crime?")
    assert question_is_ungraded_kind("leadership", "How well led is the force?")
    assert not question_is_ungraded_kind("efficiency", "How well does the force plan?")
