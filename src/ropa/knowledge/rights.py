"""The data subject's rights that each Art. 6(1) legal basis gives.

Derived from the GDPR itself; the Information Commissioner's Office tabulates the same
result ("Lawful basis for processing"). The rights of access (Art. 15), rectification
(Art. 16) and restriction (Art. 18) hold whatever the basis. The others depend on it:

* withdrawal of consent (Art. 7(3)) only under consent;
* erasure (Art. 17) except where the processing is needed for a legal obligation or a
  task in the public interest (Art. 17(3)(b));
* portability (Art. 20(1)(a)) only under consent or contract (and automated processing);
* objection (Art. 21(1)) only under public task or legitimate interests.

Latvian names are the titles of the articles in the official Latvian text (VDAR); the
withdrawal of consent is worded as Art. 7(3) words it. Used by the exports and, later,
by the privacy-notice generator: a notice must list the same rights (Arts 13(2)(b)-(c)).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("GDPR", "VDAR", "ICO-BASES")


class Right(NamedTuple):
    key: str
    article: str
    english: str
    latvian: str


RIGHTS: dict[str, Right] = {
    right.key: right
    for right in (
        Right("access", "Art. 15", "right of access", "piekļuves tiesības"),
        Right("rectification", "Art. 16", "right to rectification", "tiesības labot"),
        Right("erasure", "Art. 17", "right to erasure", "tiesības uz dzēšanu"),
        Right("restriction", "Art. 18", "right to restriction", "tiesības ierobežot apstrādi"),
        Right(
            "portability", "Art. 20", "right to data portability", "tiesības uz datu pārnesamību"
        ),
        Right("objection", "Art. 21", "right to object", "tiesības iebilst"),
        Right(
            "withdrawal",
            "Art. 7(3)",
            "right to withdraw consent",
            "tiesības atsaukt piekrišanu",
        ),
    )
}

_ALWAYS = ("access", "rectification", "restriction")
_BY_BASIS: dict[str, tuple[str, ...]] = {
    "consent": ("erasure", "portability", "withdrawal"),
    "contract": ("erasure", "portability"),
    "legal_obligation": (),
    "vital_interests": ("erasure",),
    "public_task": ("objection",),
    "legitimate_interests": ("erasure", "objection"),
}


def rights_for(bases: Iterable[str]) -> list[Right]:
    """The rights a data subject has when processing rests on `bases` (Art. 6(1) keys),
    in article order. A right any one basis gives is listed: the controller must honour it
    for the processing that rests on that basis."""
    keys = set(_ALWAYS)
    for basis in bases:
        keys.update(_BY_BASIS[basis])
    return sorted((RIGHTS[key] for key in keys), key=_article_order)


def _article_order(right: Right) -> tuple[int, str]:
    number = right.article.removeprefix("Art. ").split("(")[0]
    return int(number), right.article
