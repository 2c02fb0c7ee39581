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
