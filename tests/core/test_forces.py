from collections import Counter

import pytest

from peelviewer.core.forces import FORCES, REGIONS, find_force, force_by_id


def test_there_are_43_forces_with_unique_ids_in_known_regions():
    assert len(FORCES) == 43
    assert len({f.id for f in FORCES}) == 43
    assert {f.region for f in FORCES} == set(REGIONS)
    assert Counter(f.country for f in FORCES) == {"England": 39, "Wales": 4}


@pytest.mark.parametrize(
    ("name", "force_id"),
    [
        ("Avon and Somerset", "avon-and-somerset"),
        ("Avon & Somerset", "avon-and-somerset"),
        ("Devon & Cornwall", "devon-and-cornwall"),
        ("Metropolitan Police", "metropolitan"),
        ("Met", "metropolitan"),
        ("Metropolitan Police Service", "metropolitan"),
        ("Hampshire and Isle of Wight", "hampshire"),
        ("dyfed-powys", "dyfed-powys"),
        ("Dyfed-Powys Police", "dyfed-powys"),
        ("city of london", "city-of-london"),
        ("  Hertfordshire   Constabulary ", "hertfordshire"),
    ],
)
def test_names_short_names_and_aliases_find_the_force(name, force_id):
    assert find_force(name).id == force_id


def test_unknown_names_find_nothing():
    assert find_force("Scotland Yard Special Branch") is None
    assert find_force("") is None


def test_force_by_id_gives_official_name_and_region():
    wales = force_by_id("south-wales")
    assert (wales.name, wales.region, wales.country) == ("South Wales Police", "Wales", "Wales")
