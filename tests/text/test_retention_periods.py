"""The longest period a retention's words give (rules/_retention_text.longest_period), which
RT22 compares with the lifetime tracking may have: figures and number words, English and
Latvian inflected, and words that only look like a period."""

from __future__ import annotations

import pytest

from ropa.rules._retention_text import longest_period, tracking_period

PERIODS = [
    ('Zalando cookies "around one month to ten years"', 120, "ten years"),
    ("partner cookies 14 days to 10 years", 120, "10 years"),
    ("Sīkdatne glabājas 10 gadus", 120, "10 gadus"),
    ("desmit gadus pēc pēdējā apmeklējuma", 120, "desmit gadus"),
    ("divus gadus", 24, "divus gadus"),
    ("trīs gadi", 36, "trīs gadi"),
    ("sešus mēnešus", 6, "sešus mēnešus"),
    ("līdz 13 mēnešiem", 13, "13 mēnešiem"),
    ("_ga: 2 years; _gid: 24 hours", 24, "2 years"),
    ("a 2-year cookie", 24, "2-year"),
    ("trīsdesmit dienas", 0, "trīsdesmit dienas"),
]
NO_PERIOD = [
    "session cookie, deleted when the browser closes",
    "sesijas laikā",
    "everyday use of the site",
    "divreiz gadā pārskata",
    "P10Y",
    "as long as necessary",
]


@pytest.mark.parametrize(("text", "months", "words"), PERIODS)
def test_the_longest_period_and_its_words(text: str, months: int, words: str) -> None:
    assert longest_period(text) == (months, words)


@pytest.mark.parametrize("text", NO_PERIOD)
def test_words_that_give_no_period(text: str) -> None:
    assert longest_period(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("_ga — 2 gadi; _fbp — 3 mēneši; lietotāja izvēle — 5 gadi", (24, "2 gadi")),
        ("cookies 14 days to 10 years. Consent records: 5 years", (120, "10 years")),
        ("sīkdatnes 13 mēneši\npiekrišanas žurnāls 3 gadi", (13, "13 mēneši")),
        ("proof of consent kept 5 years", None),
    ],
)
def test_the_tracking_period_leaves_out_the_record_of_the_choice(
    text: str, expected: tuple[int, str] | None
) -> None:
    assert tracking_period(text) == expected
