"""`ropa.knowledge.mail.names_holder`: a free-mail mailbox named after the organisation."""

from __future__ import annotations

import pytest

from ropa.knowledge.mail import domain_name, names_holder


@pytest.mark.parametrize(
    ("email", "names", "expected"),
    [
        ("ziedu.darzs@inbox.lv", ['Kafejnīca "Ziedu Dārzs"'], True),
        ("ZIEDU_DARZS@inbox.lv", ["Ziedu dārzs"], True),
        ("veikals@gmail.com", ["SIA Veikals"], True),
        ("zobupasts@gmail.com", ["SIA Piemērs", "zobupasts"], True),
        ("anna.berzina77@gmail.com", ['Kafejnīca "Ziedu Dārzs"'], False),
        ("info@gmail.com", ["Info Centrs"], True),
        ("sia@gmail.com", ["SIA Ziedi"], False),
        ("janis@gmail.com", ["SIA Ziedi"], False),
        ("@gmail.com", ["SIA Ziedi"], False),
    ],
)
def test_names_holder(email: str, names: list[str], expected: bool) -> None:
    assert names_holder(email, names) is expected


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.ziedi.lv/kontakti", "ziedi"),
        ("http://licejs.lv", "licejs"),
        ("https://shop.example.co", "example"),
        ("ziedi.lv", "ziedi"),
    ],
)
def test_domain_name(url: str, name: str) -> None:
    assert domain_name(url) == name
