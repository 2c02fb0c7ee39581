"""Marking legal facts' English wording for the message catalogue.

Legal facts depend on nothing (`ropa.i18n` included), yet their words reach messages:
the Art. 35(3) cases, the WP248 criteria, the DVI list items, the topics the rules read in
an activity's text. `gettext_noop` marks such a string where it is written, as gettext's
function of that name does, so the extractor finds it and the catalogue must give its
Latvian form; the rule that puts it into a message translates it (`ropa.i18n.msg`).
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """`text` unchanged, marked for translation."""
    return text


__all__ = ["gettext_noop"]
