"""The 43 territorial police forces of England and Wales, and lookup by any name they go by."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Force:
    id: str
    name: str
    short_name: str
    region: str
    country: str
    aliases: tuple[str, ...] = ()


REGIONS = (
    "South West",
    "South East",
    "Eastern",
    "London",
    "East Midlands",
    "West Midlands",
    "North West",
    "North East",
    "Yorkshire and the Humber",
    "Wales",
)

# (official name, short name used in page titles, aliases) per region, in the
# order PEEL-FORMATS.md lists them.
_TABLE: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "South West": [
        ("Avon and Somerset Constabulary", "Avon and Somerset", ("Avon & Somerset",)),
        ("Devon and Cornwall Police", "Devon and Cornwall", ("Devon & Cornwall",)),
        ("Dorset Police", "Dorset", ()),
        ("Gloucestershire Constabulary", "Gloucestershire", ()),
        ("Wiltshire Police", "Wiltshire", ()),
    ],
    "South East": [
        (
            "Hampshire Constabulary",
            "Hampshire",
            ("Hampshire and Isle of Wight", "Hampshire and Isle of Wight Constabulary"),
        ),
        ("Kent Police", "Kent", ()),
        ("Surrey Police", "Surrey", ()),
        ("Sussex Police", "Sussex", ()),
        ("Thames Valley Police", "Thames Valley", ()),
    ],
    "Eastern": [
        ("Bedfordshire Police", "Bedfordshire", ("Beds",)),
        ("Cambridgeshire Constabulary", "Cambridgeshire", ("Cambs",)),
        ("Essex Police", "Essex", ()),
        ("Hertfordshire Constabulary", "Hertfordshire", ("Herts",)),
        ("Norfolk Constabulary", "Norfolk", ()),
        ("Suffolk Constabulary", "Suffolk", ()),
    ],
    "London": [
        ("City of London Police", "City of London", ()),
        (
            "Metropolitan Police Service",
            "Metropolitan",
            ("Metropolitan Police", "Met", "Met Police", "MPS"),
        ),
    ],
    "East Midlands": [
        ("Derbyshire Constabulary", "Derbyshire", ()),
        ("Leicestershire Police", "Leicestershire", ()),
        ("Lincolnshire Police", "Lincolnshire", ()),
        ("Northamptonshire Police", "Northamptonshire", ()),
        ("Nottinghamshire Police", "Nottinghamshire", ()),
    ],
    "West Midlands": [
        ("Staffordshire Police", "Staffordshire", ()),
        ("Warwickshire Police", "Warwickshire", ()),
        ("West Mercia Police", "West Mercia", ()),
        ("West Midlands Police", "West Midlands", ()),
    ],
    "North West": [
        ("Cheshire Constabulary", "Cheshire", ()),
        ("Cumbria Constabulary", "Cumbria", ()),
        ("Greater Manchester Police", "Greater Manchester", ("GMP",)),
        ("Lancashire Constabulary", "Lancashire", ()),
        ("Merseyside Police", "Merseyside", ()),
    ],
    "North East": [
        ("Cleveland Police", "Cleveland", ()),
        ("Durham Constabulary", "Durham", ()),
        ("Northumbria Police", "Northumbria", ()),
    ],
    "Yorkshire and the Humber": [
        ("Humberside Police", "Humberside", ()),
        ("North Yorkshire Police", "North Yorkshire", ()),
        ("South Yorkshire Police", "South Yorkshire", ()),
        ("West Yorkshire Police", "West Yorkshire", ()),
    ],
    "Wales": [
        ("Dyfed-Powys Police", "Dyfed-Powys", ("Dyfed Powys",)),
        ("Gwent Police", "Gwent", ()),
        ("North Wales Police", "North Wales", ()),
        ("South Wales Police", "South Wales", ()),
    ],
}


def slug(short_name: str) -> str:
    """"Avon and Somerset" -> "avon-and-somerset"."""
    return re.sub(r"[^a-z0-9]+", "-", short_name.lower()).strip("-")


FORCES: tuple[Force, ...] = tuple(
    Force(
        id=slug(short),
        name=name,
        short_name=short,
        region=region,
        country="Wales" if region == "Wales" else "England",
        aliases=aliases,
    )
    for region, rows in _TABLE.items()
    for name, short, aliases in rows
)

_BY_ID = {force.id: force for force in FORCES}


def _name_key(name: str) -> str:
    """Folds the ways one name is written: case, "&" for "and", hyphens, curly quotes."""
    name = name.lower().replace("&", " and ").replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9']+", " ", name).split())


_BY_NAME: dict[str, Force] = {}
for _force in FORCES:
    for _name in (_force.id, _force.name, _force.short_name, *_force.aliases):
        _BY_NAME[_name_key(_name)] = _force


def force_by_id(force_id: str) -> Force:
    """The force with this slug; KeyError for an unknown one."""
    return _BY_ID[force_id]


def force_name(force_id: str) -> str:
    """The force's full name, or the id itself for a force this version does not know."""
    found = _BY_ID.get(force_id)
    return found.name if found else force_id


def find_force(name: str) -> Force | None:
    """The force a name, short name, alias or slug refers to, or None."""
    return _BY_NAME.get(_name_key(name))


def force_names(force: Force) -> tuple[str, ...]:
    """Every way a page may name this force, longest first (for matching in prose)."""
    return tuple(sorted({force.name, force.short_name, *force.aliases}, key=len, reverse=True))


# Every name longer than three letters ("Met" and "MPS" only count as a whole title).
_MENTIONABLE = sorted(((key, force) for key, force in _BY_NAME.items() if len(key) > 3),
                      key=lambda pair: len(pair[0]), reverse=True)


def force_mentioned(text: str) -> Force | None:
    """The force whose name stands in `text` as whole words, the longest name winning
    ("Hampshire and Isle of Wight Constabulary" over "Hampshire"); None if none does."""
    folded = f" {_name_key(text)} "
    for key, force in _MENTIONABLE:
        if f" {key} " in folded:
            return force
    return None
