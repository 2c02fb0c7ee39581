"""Names that show a legal entity, and trading names that do not (OR01 reads them)."""

from __future__ import annotations

import pytest

from ropa.knowledge.legal_forms import names_legal_entity


@pytest.mark.parametrize(
    "name",
    [
        'SIA "Piemērs"',
        "PIEMĒRS SIA",
        'AS "Banka"',
        'Biedrība "Sporta klubs"',
        "Nodibinājums Palīdzība",
        "Example Ltd",
        "Example Limited",
        "Example plc",
        "Example GmbH",
        "Ejemplo S.L.",
        "Example, Inc. and its affiliates",
        "Gaismas pamatskola",
        "Rīgas domes Labklājības departaments",
        "Valsts ieņēmumu dienests",
        "Anytown Borough Council",
        "St. Mary's Hospital",
    ],
)
def test_a_legal_form_or_public_body(name: str) -> None:
    assert names_legal_entity(name)


@pytest.mark.parametrize(
    "name",
    [
        "Ziedu Piegāde Rīgā",
        "Sunny Car Hire",
        "kafejnīca Mākonis",
        "Velo Serviss (operator of veloserviss.lv)",
        "Brand As Such",
    ],
)
def test_a_trading_name(name: str) -> None:
    assert not names_legal_entity(name)
