"""`unknown` on the keys where not knowing is itself a risk.

`unknown` is the honest answer when an organisation does not know yet, and the format
promises that the checks still flag it. On most keys another rule already does (a missing
legal basis, retention, recipients); these rules cover the high-risk keys no other rule
reads when they say `unknown`: special categories, criminal data, national identifiers,
profiling, automated decisions, the DPIA and the sources of the data. Each has the
severity of what might be hiding behind it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, joined, msg
from ropa.model.activity import Dpia
from ropa.model.register import Register
from ropa.rules import ABSENT, Context, Violation, rule
from ropa.rules._reading import first_readings, topic
from ropa.rules.dpia import dvi_list_applies, screen
from ropa.rules.inferred_data import special_readings

# Data subjects with whom special, criminal or identifying data is common: with them an
# unknown here is a warning, elsewhere a note.
_SENSITIVE_CONTEXT = ("patients", "children", "vulnerable", "employees", "cctv")
# Where the context is read: who the data is about and what the activity is, not every
# word of its purposes ("our staff will answer" does not make customers employees).
_CONTEXT_KEYS = ("data_subjects", "name", "description")

_SPECIAL_KEYS = (
    ("special_categories", msg("special-category data (Art. 9(1))")),
    ("criminal_data", msg("criminal-conviction data (Art. 10)")),
    ("national_id", msg("national identification numbers (Art. 87)")),
)


@rule("SD24", "special-data.unknown", severity=Severity.INFO, article="Art. 9, 10, 87")
def special_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`unknown` on `special_categories`, `criminal_data` or `national_id`.

    Why: processing special-category data without an Art. 9(2) condition is prohibited,
    criminal-conviction data needs official authority or a law (Art. 10), and the personas
    kods needs a justification (Art. 87). Not knowing whether they are processed means
    nobody has checked. Reported once per activity, naming every such key: a warning where
    the activity concerns patients, children, vulnerable people, employees or CCTV (with
    whom such data is common: read in its data subjects, name and description); elsewhere
    a note, and activities with the same unknowns share one finding that lists them. Where
    the activity's words name the data, SD21 to SD23 report it instead.

    Fails:

    ```yaml
    activities:
      - id: members
        name: Membership
        data_subjects: [biedri]
        special_categories: unknown  # ← SD24
        criminal_data: unknown
    ```

    Passes:

    ```yaml
    activities:
      - id: members
        name: Membership
        data_subjects: [biedri]
        special_categories: none
        criminal_data: none
    ```
    """
    for activity in register.activities:
        named = first_readings(activity, ("criminal", "national_id"))
        named.update(first_readings(activity, _SENSITIVE_CONTEXT, _CONTEXT_KEYS))
        if special_readings(activity):
            named["special"] = next(iter(special_readings(activity).values()))
        inferred = {"special_categories": "special", "criminal_data": "criminal"}
        inferred["national_id"] = "national_id"
        unknown = [
            (key, what)
            for key, what in _SPECIAL_KEYS
            if getattr(activity, key) == "unknown" and inferred[key] not in named
        ]
        if not unknown:
            continue
        sensitive = [c for c in _SENSITIVE_CONTEXT if c in named]
        because = (
            msg(", and it concerns {label}", label=topic(named[sensitive[0]].inference.concept))
            if sensitive
            else ""
        )
        yield Violation(
            activity.at(unknown[0][0]),
            msg(
                "`{id}` does not know whether it processes {join}{because}",
                id=activity.id,
                join=_join([what for _key, what in unknown]),
                because=because,
            ),
            msg(
                "find out, and write `none` or the data with what the law asks for it ({items})",
                items=", ".join(f"`{key}`" for key, _what in unknown),
            ),
            severity=Severity.WARNING if sensitive else None,
            # Elsewhere the same open question, asked of many activities, is one note.
            cause=None if sensitive else f"{ABSENT}unknown:" + ",".join(key for key, _ in unknown),
        )


def _join(items: list[Message]) -> Message:
    if len(items) == 1:
        return items[0]
    return msg("{items} or {last}", items=joined(items[:-1]), last=items[-1])


@rule("DP23", "profiling.unknown", severity=Severity.INFO, article="Art. 13(2)(f), 21, 22")
def profiling_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`profiling: unknown` or `automated_decisions: unknown`.

    Why: profiling and solely automated decisions bring the right to object, the Art. 22
    limits and information duties (Art. 13(2)(f)), and weigh in the DPIA screening; not
    knowing whether they happen leaves all of these unchecked. Reported once per activity;
    where the words name profiling or automated decisions, DP21 and DP22 report that (as
    warnings). Activities with the same unknowns share one note that lists them.

    Fails:

    ```yaml
    activities:
      - id: scoring
        name: Customer scoring
        profiling: unknown  # ← DP23
        automated_decisions: unknown
    ```

    Passes:

    ```yaml
    activities:
      - id: scoring
        name: Customer scoring
        profiling: {description: Purchase history grouped into segments}
        automated_decisions: none
    ```
    """
    for activity in register.activities:
        unknown = [
            (key, what)
            for key, what in (
                ("profiling", msg("profiling (Art. 4(4))")),
                ("automated_decisions", msg("solely automated decisions (Art. 22)")),
            )
            if getattr(activity, key) == "unknown"
        ]
        if unknown:
            yield Violation(
                activity.at(unknown[0][0]),
                msg(
                    "`{id}` does not know whether it involves {join}",
                    id=activity.id,
                    join=_join([what for _key, what in unknown]),
                ),
                msg(
                    "find out, and write `none` or describe it ({items})",
                    items=", ".join(f"`{key}`" for key, _what in unknown),
                ),
                cause=f"{ABSENT}unknown:" + ",".join(key for key, _ in unknown),
            )


@rule("DP24", "dpia.unknown", severity=Severity.INFO, article="Art. 35(1)")
def dpia_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A DPIA question left open: `dpia: unknown`, or no `dpia` where a criterion is met.

    Why: whether a DPIA is needed is decided before the processing (Art. 35(1)). Where the
    screening finds reasons (two criteria, an Art. 35(3) case, a DVI list item), DP01 or
    DP03 report them; otherwise the open question is reported here, so it is not
    forgotten: `dpia: unknown` always (activities with no criterion at all share one
    finding that lists them), and a missing `dpia` where one WP248 criterion is met, read
    from the record or its words (interest-based advertising is profiling, C1).

    Fails:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        dpia: unknown  # ← DP24
      - id: ads  # ← DP24
        name: Interest-based advertising
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        dpia:
          required: false
          status: not_required
          screening: {notes: No WP248 criterion met}
    ```
    """
    dvi = dvi_list_applies(register)
    for activity in register.activities:
        dpia = activity.dpia
        unknown = dpia == "unknown" or (isinstance(dpia, Dpia) and dpia.required == "unknown")
        if not unknown and dpia is not None:
            continue
        screening = screen(activity, dvi_list=dvi)
        if screening.reasons():
            continue
        met = sorted(screening.criteria)
        if not unknown and not met:
            continue
        at = activity.at("dpia") if dpia in (None, "unknown") else activity.at("dpia", "required")
        meets = (
            msg(
                "WP248 {code}{evidence}",
                code=met[0][-2:],
                evidence=screening.evidence(met[0]),
            )
            if met
            else ""
        )
        if unknown and met:
            message = msg(
                "`{id}` has not settled whether it needs a DPIA (it meets {meets})",
                id=activity.id,
                meets=meets,
            )
        elif unknown:
            message = msg("`{id}` has not settled whether it needs a DPIA", id=activity.id)
        else:
            message = msg(
                "`{id}` meets {meets} and records no DPIA screening", id=activity.id, meets=meets
            )
        yield Violation(
            at,
            message,
            msg("screen it against the WP248 criteria and the DVI list, and record the result"),
            cause=None if met else f"{ABSENT}unknown:dpia",
        )


@rule("AC21", "activity.sources-unknown", severity=Severity.INFO, article="Art. 14(2)(f), 30")
def sources_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`sources: unknown`: where the data comes from is not known.

    Why: when data is not obtained from the person, they must be told its source (Art.
    14(2)(f)), and data of unknown origin cannot be shown to be accurate or lawfully
    obtained (Art. 5(1)(a), (d)). Activities that all leave it unknown share one finding
    that lists them.

    Fails:

    ```yaml
    activities:
      - id: leads
        name: Sales leads
        sources: unknown  # ← AC21
    ```

    Passes:

    ```yaml
    activities:
      - id: leads
        name: Sales leads
        sources:
          - kind: publicly_available
            description: Uzņēmumu reģistrs (Lursoft)
    ```
    """
    for activity in register.activities:
        if activity.sources == "unknown":
            yield Violation(
                activity.at("sources"),
                msg("`{id}` does not know where its data comes from", id=activity.id),
                msg("list the `sources:` (the person, a third party and which, public sources)"),
                cause=f"{ABSENT}unknown:sources",
            )
