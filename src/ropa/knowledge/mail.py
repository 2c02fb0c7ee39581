"""Free e-mail services: a mailbox there is a private account, not the organisation's.

Art. 37(7) asks for the DPO's contact details to be published and Art. 38(4) lets data
subjects reach the DPO on every question; a DPO reached only on a personal free-mail
account is not reached through the organisation, and the mailbox outlives the
appointment. Where there is no DPO, the organisation's own contact is where data subjects
send their requests (Art. 12(2)), with the same weakness. This is not a legal list: it
names widely used free mail services, among them the Latvian portals (inbox.lv, apollo.lv,
one.lv, e-pasts.lv, mail.lv), and is meant to catch the common cases, not all of them.
Unverified as a whole: only mail.lv's own terms of use were read (they describe it as a
free e-mail service with @mail.lv addresses); apollo.lv, one.lv and e-pasts.lv are
addresses Latvian notices use for private mailboxes, not checked against their sites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ropa.knowledge.text import fold_word

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "proton.me",
        "protonmail.com",
        "inbox.lv",
        "apollo.lv",
        "one.lv",
        "e-pasts.lv",
        "mail.lv",
    }
)
VERIFIED = False


def is_free_mail(email: str) -> bool:
    """Whether an address is on one of the free mail services above."""
    return email.rpartition("@")[2].strip().casefold() in FREE_MAIL_DOMAINS


_PARTS = re.compile(r"[^a-z0-9]+")


def names_holder(email: str, names: Iterable[str]) -> bool:
    """Whether a mailbox's own name (before the @) is the organisation's: one of its parts
    of four letters or more is a word of the organisation's name or the name of its web
    domain ("paturskas_centrs@inbox.lv" for "Paturskas ģimenes veselības centrs", "info.
    ziedi@gmail.com" for ziedi.lv). Such an account is the organisation's, not a person's
    private one, though it is on a free service. A heuristic, like the list above."""
    local = fold_word(email.rpartition("@")[0].strip().casefold())
    parts = {part for part in _PARTS.split(local) if len(part) >= 4}
    if not parts:
        return False
    words: set[str] = set()
    for name in names:
        words.update(_PARTS.split(fold_word(name.casefold())))
    return not parts.isdisjoint(word for word in words if len(word) >= 4)


def domain_name(url: str) -> str:
    """The name a website's address gives the organisation: "ziedi" for
    https://www.ziedi.lv/kontakti."""
    host = url.partition("://")[2] or url
    labels = host.partition("/")[0].casefold().removeprefix("www.").split(".")
    return labels[-2] if len(labels) >= 2 else labels[0]


# The names (before the @) of an organisation's general mailboxes: customer service,
# support, reception, the office. WP243 rev.01 section 2.6 asks that the DPO's contact
# details let data subjects reach the DPO directly and confidentially (Art. 38(4), 38(5)):
# a general mailbox is read by whoever answers the organisation's mail. Not a legal list:
# the common names in Latvian and English notices, matched on the whole name ("info",
# "klientu.serviss"), never on a part ("dpo.info" is not general).
GENERAL_MAILBOXES = frozenset(
    {
        "info", "support", "help", "helpdesk", "hello", "contact", "contacts", "kontakti",
        "kontakts", "office", "birojs", "pasts", "post", "mail", "service", "serviss",
        "customerservice", "customercare", "customer.service", "customer-service",
        "klientuserviss", "klientu.serviss", "klientu-serviss", "klienti", "atbalsts",
        "sales", "admin", "reception", "enquiries", "inquiries", "general", "team",
    }
)  # fmt: skip


def is_general_mailbox(email: str) -> bool:
    """Whether an address is one of an organisation's general mailboxes (info@, support@,
    klientu.serviss@ ...), by its name before the @."""
    return email.rpartition("@")[0].strip().casefold() in GENERAL_MAILBOXES
