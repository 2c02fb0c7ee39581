"""`ropa.knowledge.addresses.country_of_address`: the country an address names last."""

from __future__ import annotations

import pytest

from ropa.knowledge.addresses import country_of_address


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("The Chocolate Factory, Keynsham, Bristol, BS31 2AU, Apvienotā Karaliste", "GB"),
        ("1 High Street, London, UK", "GB"),
        ("1 Main St, New York, NY 10001, USA", "US"),
        ("Bahnhofstrasse 1, Zürich, Switzerland", "CH"),
        ("Brīvības iela 1, Rīga, Latvija", "LV"),
        ("Brīvības iela 1, Riga, Latvia.", "LV"),
        ("Narva mnt 5\nTallinn\nEstonia", "EE"),
        ("Brīvības iela 1, Rīga, LV-1010", None),
        ("Rīga", None),
        ("", None),
    ],
)
def test_country_of_address(address: str, country: str | None) -> None:
    assert country_of_address(address) == country
