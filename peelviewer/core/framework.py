"""The PEEL frameworks of every cycle: the questions and areas of policing each one grades,
their printed names, and a stable key that links the same question across cycles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peelviewer.core.model import WHOLE_FORCE


@dataclass(frozen=True)
class Topic:
    """One question or area of policing, under one key in every cycle that has it."""

    key: str
    short: str  # "Investigating crime"
    column: str  # a heatmap column's label: "Investigation"
    long: str  # the fuller printed name, where there is one
    # Printed names (short, long and other wordings) of a modern area heading.
    names: tuple[str, ...]
    # Words that identify a pillar question (2014-2018/19), whose printed wording changes
    # from cycle to cycle: "How effective is the force at investigating crime ...?"
    pattern: re.Pattern
    sections: tuple[str, ...]  # the pillars (or WHOLE_FORCE) it appears under
    graded: bool = True
    # Cycles in which it is graded although `graded` says no, or the reverse.
    graded_in: tuple[str, ...] = ()
    ungraded_in: tuple[str, ...] = ()

    def is_graded(self, cycle: str) -> bool:
        if cycle in self.graded_in:
            return True
        if cycle in self.ungraded_in:
            return False
        return self.graded


def _topic(key: str, short: str, long: str = "", *, column: str, names: tuple[str, ...] = (),
           words: str, sections: tuple[str, ...], **kwargs) -> Topic:
    return Topic(key, short, column, long or short,
                 (short, *((long,) if long else ()), *names),
                 re.compile(words, re.I), sections, **kwargs)


_W = WHOLE_FORCE
# Order matters where wordings overlap: the first topic whose words match a question wins
# ("treat its workforce with fairness and respect" before "fairness and respect").
TOPICS: tuple[Topic, ...] = (
    _topic("leadership-management", "Leadership and force management", column="Leadership",
           names=("Leadership and management", "Leading the force"),
           words=r"leadership|leaders\b|well[- ]led|force management",
           sections=("leadership", _W)),
    _topic("positive-workplace", "Developing a positive workplace",
           "Building, supporting and protecting the workforce", column="Workplace",
           names=("Treating the workforce fairly", "Positive workplace"),
           words=r"(?:treat\w*|fairness and respect)\W+(?:\w+\W+){0,4}workforce"
                 r"|workforce\W+(?:\w+\W+){0,3}fair|positive workplace|supporting and "
                 r"protecting the workforce",
           sections=("legitimacy", _W)),
    _topic("treatment-of-public", "Treatment of the public",
           "Engaging with and treating the public with fairness and respect", column="Treatment",
           names=("Police powers and public treatment",
                  "Treating the public fairly, appropriately and respectfully",
                  "Treating the public fairly", "Fair treatment of the public"),
           words=r"fairness and respect|treat\w* (?:all of )?the (?:people|public)"
                 r"|public treatment",
           sections=("legitimacy", _W)),
    _topic("ethical-behaviour", "Ethical and lawful behaviour", column="Ethics",
           names=("Ethical and lawful workforce behaviour",),
           words=r"ethical|lawful|integrity", sections=("legitimacy",)),
    _topic("recording-data", "Recording data about crime", column="Crime data",
           names=("Crime data integrity", "Recording crime"),
           words=r"record(?:s|ing)? (?:data about )?crime|crime recording|crime data",
           sections=("legitimacy", _W), graded=False,
           graded_in=("2021/22",), ungraded_in=("2015",)),
    _topic("victim-service", "Victim service", "Providing a service to victims of crime",
           column="Victims",
           names=("Providing a service to the victims of crime", "Service to victims"),
           words=r"service (?:to|for) (?:the )?victims|victim service|give to victims"
                 r"|victims of crime",
           sections=(_W,), graded=False),
    _topic("preventing-crime", "Preventing crime",
           "Preventing crime and anti-social behaviour", column="Prevention",
           names=("Preventing and deterring crime and anti-social behaviour, and reducing "
                  "vulnerability", "Preventing crime and tackling anti-social behaviour"),
           words=r"prevent\w* (?:and deterring )?crime|anti-social behaviour|reduc\w* crime"
                 r"|prevent\w* offending",
           sections=("effectiveness", _W)),
    _topic("responding-to-public", "Responding to the public", column="Response",
           words=r"respond\w* to the public|calls? for service", sections=(_W,)),
    _topic("investigating-crime", "Investigating crime", column="Investigation",
           words=r"investigat\w*|re-?offending", sections=("effectiveness", _W)),
    _topic("protecting-vulnerable", "Protecting vulnerable people", column="Vulnerability",
           names=("Protecting vulnerable people and supporting victims",),
           words=r"vulnerab", sections=("effectiveness", _W)),
    _topic("managing-offenders", "Managing offenders", "Managing offenders and suspects",
           column="Offenders",
           words=r"managing offenders|offender management|manag\w* (?:sex )?offenders",
           sections=(_W,)),
    _topic("serious-organised-crime", "Serious organised crime",
           "Disrupting serious organised crime", column="SOC",
           names=("Tackling serious and organised crime", "Serious and organised crime"),
           words=r"organised crime", sections=("effectiveness", _W)),
    _topic("workforce-corruption", "Workforce corruption", "Tackling workforce corruption",
           column="Corruption",
           names=("Counter-corruption", "Tackling corruption"),
           words=r"corruption", sections=(_W,)),
    _topic("specialist-capabilities", "Specialist capabilities", column="Specialist",
           names=("Armed policing",),
           words=r"specialist capabilit|armed policing", sections=("effectiveness",),
           graded=False),
    _topic("understanding-demand", "Understanding demand", column="Demand",
           words=r"understand\w* (?:the )?(?:current )?demand", sections=("efficiency",)),
    _topic("use-of-resources", "Use of resources",
           "Strategic planning, organisational management and value for money", column="Resources",
           names=("Good use of resources", "Meeting current demands and using resources"),
           words=r"resources|value for money|strategic planning",
           sections=("efficiency", _W)),
    _topic("planning-for-future", "Planning for the future", column="Future",
           words=r"planning for|future|sustainab|affordab", sections=("efficiency",)),
    _topic("strategic-policing-requirement", "Strategic policing requirement",
           "Meeting the strategic policing requirement", column="SPR",
           names=("The strategic policing requirement",),
           words=r"strategic policing requirement", sections=(_W,), graded=False),
    _topic("armed-threats", "Armed threats", "Responding to armed threats", column="Armed threats",
           names=("Armed threats", "Firearms threats"),
           words=r"armed threats", sections=(_W,), graded=False),
)
_BY_KEY = {topic.key: topic for topic in TOPICS}


def _name_key(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text).split())


_BY_NAME = {_name_key(name): topic for topic in TOPICS for name in topic.names}
_LONGEST_NAME = max(len(name) for name in _BY_NAME)


def topic(key: str | None) -> Topic | None:
    return _BY_KEY.get(key) if key else None


def area_named(text: str) -> Topic | None:
    """The area of policing a heading or table cell names exactly (case, punctuation and
    "&" folded); None for anything else."""
    if len(text) > _LONGEST_NAME + 8:
        return None
    return _BY_NAME.get(_name_key(text))


def topic_of_question(section: str, text: str) -> Topic | None:
    """The topic a question's wording is about, among those its section has; None when
    none fits (the question keeps no key rather than a wrong one)."""
    for candidate in TOPICS:
        if section in candidate.sections and candidate.pattern.search(text):
            return candidate
    return None


def short_label(key: str | None, fallback: str) -> str:
    found = topic(key)
    return found.short if found else fallback


def cycle_for_years(first: int, last: int | None) -> str | None:
    """The cycle name a title's years mean: 2018 -> "2018/19", 2023(-25) -> "2023-25"."""
    if 2014 <= first <= 2017:
        return str(first)
    if first == 2018 or (first == 2019 and last is None):
        return "2018/19"
    if first in (2021, 2022):
        return "2021/22"
    if first in (2023, 2024):
        return "2023-25"
    if first in (2025, 2026, 2027):
        return "2025-27"
    return None


def normalise_cycle(text: str) -> str | None:
    """What a user types for a cycle ("2018", "2018/19", "2023-25", "2023–2025", "2021-22")
    as the cycle's name, or None."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[/–-]\s*(\d{2}|\d{4}))?\s*", text)
    if not match:
        return None
    return cycle_for_years(int(match[1]), int(match[2]) if match[2] else None)


_EFFECTIVENESS = ("preventing-crime", "investigating-crime", "protecting-vulnerable",
                  "serious-organised-crime", "specialist-capabilities")
_LEGITIMACY = ("treatment-of-public", "ethical-behaviour", "positive-workplace")
# The questions of a pillar in the order the framework numbers them, where every question
# of the cycle has a key (2014's and 2015's wordings are not all known: none there).
_QUESTION_ORDER = {
    ("2015", "effectiveness"): _EFFECTIVENESS[:4],
    **{(cycle, "effectiveness"): _EFFECTIVENESS for cycle in ("2016", "2017", "2018/19")},
    **{(cycle, "legitimacy"): _LEGITIMACY for cycle in ("2016", "2017", "2018/19")},
    **{(cycle, "efficiency"): ("understanding-demand", "use-of-resources",
                               "planning-for-future") for cycle in ("2016", "2017")},
    ("2018/19", "efficiency"): ("use-of-resources", "planning-for-future"),
}


def question_order(cycle: str, pillar: str) -> tuple[str, ...]:
    """The keys of a pillar's questions in the framework's numbering, or () if unknown."""
    return _QUESTION_ORDER.get((cycle, pillar), ())
