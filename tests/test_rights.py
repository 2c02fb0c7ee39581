"""The rights each Art. 6(1) basis gives (ropa.knowledge.rights), as the GDPR sets them."""

from __future__ import annotations

import pytest

from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.knowledge.rights import RIGHTS, rights_for

ALWAYS = {"access", "rectification", "restriction"}


@pytest.mark.parametrize(
    ("basis", "erasure", "portability", "objection", "withdrawal"),
    [
        # Art. 17(3)(b), 20(1)(a), 21(1), 7(3); the ICO's table says the same.
        ("consent", True, True, False, True),
        ("contract", True, True, False, False),
        ("legal_obligation", False, False, False, False),
        ("vital_interests", True, False, False, False),
        ("public_task", False, False, True, False),
        ("legitimate_interests", True, False, True, False),
    ],
)
def test_each_basis_gives_its_rights(
    basis: str, erasure: bool, portability: bool, objection: bool, withdrawal: bool
) -> None:
    keys = {right.key for right in rights_for([basis])}
    assert keys >= ALWAYS
    assert ("erasure" in keys) is erasure
    assert ("portability" in keys) is portability
    assert ("objection" in keys) is objection
    assert ("withdrawal" in keys) is withdrawal


def test_every_basis_is_covered_and_several_bases_add_up() -> None:
    for basis in LEGAL_BASES:
        assert rights_for([basis])
    keys = [right.key for right in rights_for(["legal_obligation", "consent"])]
    assert keys == [
        "withdrawal",
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
    ]


def test_latvian_names_are_the_article_titles_of_the_official_text() -> None:
    assert RIGHTS["portability"].latvian == "tiesības uz datu pārnesamību"  # VDAR 20. pants
    assert RIGHTS["objection"].latvian == "tiesības iebilst"  # VDAR 21. pants
    assert RIGHTS["restriction"].latvian == "tiesības ierobežot apstrādi"  # VDAR 18. pants
