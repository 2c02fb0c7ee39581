"""Chapter V: transfers outside the EEA, named and resting on a transfer tool."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, counted, msg
from ropa.knowledge.adequacy import Scope, decision_for
from ropa.knowledge.eea import is_eea, is_third_country
from ropa.knowledge.transfers import (
    DEROGATIONS,
    NOT_FOR_PUBLIC_AUTHORITIES,
    transfer_free_country,
)
from ropa.model.activity import Activity, Transfer
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.model.vocabulary import RecipientKind
from ropa.position import Location
from ropa.rules import ABSENT, Context, Violation, not_stated, per_register, rule
from ropa.rules._reading import first_readings, topic


def _owners(register: Register) -> Iterator[Activity | ControllerServed]:
    yield from register.activities
    yield from register.controllers


@per_register
def transfers(register: Register) -> Iterator[tuple[str, Location, Transfer]]:
    """Every transfer entry, of activities and (Art. 30(2)) of controllers served."""
    for owner in _owners(register):
        if isinstance(owner.transfers, list):
            for index, transfer in enumerate(owner.transfers):
                yield owner.id, owner.at("transfers", index), transfer


def _country(transfer: Transfer) -> str | None:
    return transfer.country if transfer.country not in (None, "unknown") else None


def _in_activities(register: Register) -> set[tuple[str, tuple[str | int, ...]]]:
    """Where the activities are (file and path), to tell their transfers from those of
    controllers served."""
    return {(str(a.origin.file), tuple(a.origin.path)) for a in register.activities}


def _same_transfer(
    activities: set[tuple[str, tuple[str | int, ...]]], location: Location, gap: str, *keys: object
) -> str | None:
    """The cause that makes one finding of a gap in the same transfer (the same recipient
    and destination) written into several activities: the gap is closed once, with the
    recipient (one set of clauses signed with it, one country named for it), not per
    activity. None for the transfers of controllers served, which are reported each."""
    if (str(location.file), tuple(location.path[:2])) not in activities:
        return None
    shown = ":".join("unknown" if not_stated(key) else str(key) for key in keys)
    return f"{ABSENT}{gap}:{shown}"


@rule("TR01", "transfer.not-recorded", severity=Severity.ERROR, article="Art. 30(1)(e), 44")
def not_recorded(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient in a third country without a transfer entry.

    Why: disclosing data to a recipient outside the EEA is a transfer (Art. 44): the record
    names the country and, for some transfers, the safeguards (Art. 30(1)(e)), and the
    transfer needs a Chapter V tool. An adequacy decision (the United Kingdom's, say) is
    one of those tools, not an exemption: the transfer is still recorded. The finding is
    given once per activity, at its `transfers:` (where the entry is missing), naming every
    such recipient; a processor's record is read the same way, for the sub-processors of
    each controller served (Art. 30(2)(c)). Not reported: a recipient inside the
    organisation (`kind: internal`), which is the controller itself and so receives no
    transfer (EDPB Guidelines 05/2021 on the interplay of Art. 3 and Chapter V,
    criterion 2); the public (`kind: public`): publishing data on the internet is no
    transfer to every country it can be read from (CJEU C-101/01 Lindqvist); and, for an
    organisation established outside the EEA (a UK or Swiss controller keeping its record
    under the UK GDPR or the Swiss FADP), a recipient in its own country: data that stays
    in the country whose law governs the record is not transferred under that law (UK
    GDPR Art. 44 and FADP Art. 16 regulate disclosure *abroad*; `ropa.knowledge.transfers`).

    Fails:

    ```yaml
    recipients:
      - {id: mailer, name: Mailer Inc., kind: processor, country: US, contract: DPA-1}
    activities:
      - id: newsletter
        name: Newsletter
        recipients: [mailer]
        transfers: none  # ← TR01
    ```

    Passes:

    ```yaml
    recipients:
      - {id: mailer, name: Mailer Inc., kind: processor, country: US, contract: DPA-1,
         dpf_certified: true}
    activities:
      - id: newsletter
        name: Newsletter
        recipients: [mailer]
        transfers:
          - {recipient: mailer, country: US, mechanism: adequacy}
    ```
    """
    home = _home_outside_eea(register)
    owners: list[tuple[Activity | ControllerServed, str, object]] = [
        (activity, "recipients", activity.recipients) for activity in register.activities
    ]
    # A processor's record lists its sub-processors per controller (Art. 30(2)(c)).
    owners.extend((c, "sub_processors", c.sub_processors) for c in register.controllers)
    for activity, key, ids in owners:
        if not isinstance(ids, list):
            continue
        covered = (
            {t.recipient for t in activity.transfers}
            if isinstance(activity.transfers, list)
            else set()
        )
        missing: list[tuple[int, str, str]] = []
        for index, identifier in enumerate(ids):
            recipient = register.recipient(identifier)
            # A department of the controller abroad is the controller itself: data it
            # handles is not transferred to another controller or processor (EDPB
            # Guidelines 05/2021 on Art. 3 and Chapter V, criterion 2).
            if (
                recipient is None
                or recipient.country is None
                or recipient.kind in (RecipientKind.INTERNAL, RecipientKind.PUBLIC)
                or recipient.country == home
            ):
                continue
            if is_third_country(recipient.country) and identifier not in covered:
                missing.append((index, identifier, recipient.country))
        if not missing:
            continue
        related = tuple(activity.at(key, index) for index, _, _ in missing)
        hint = msg(
            "add a `transfers:` entry with `recipient: {identifier}` and its transfer tool",
            identifier=missing[0][1],
        )
        if len(missing) == 1:
            _, identifier, country = missing[0]
            message = msg(
                "`{id}` discloses data to `{identifier}` in {country}, outside the "
                "EEA, but records no transfer to it",
                id=activity.id,
                identifier=identifier,
                country=country,
            )
        else:
            message = msg(
                "`{id}` discloses data to {recipients}, outside the EEA, but records no "
                "transfer to them",
                id=activity.id,
                recipients=", ".join(f"`{ident}` ({country})" for _, ident, country in missing),
            )
            hint = msg(
                "add a `transfers:` entry for each of them, with its transfer tool",
            )
        yield Violation(activity.at("transfers"), message, hint, related=related)


def _home_outside_eea(register: Register) -> str | None:
    """The organisation's own country when it is established outside the EEA."""
    country = register.organisation.country
    if not isinstance(country, str):
        return None
    return transfer_free_country(country, is_eea(country))


@rule("TR02", "transfer.no-mechanism", severity=Severity.ERROR, article="Art. 44–49")
def no_mechanism(register: Register, context: Context) -> Iterator[Violation]:
    """A transfer without a transfer tool.

    Why: a transfer to a third country is lawful only under an adequacy decision
    (Art. 45), appropriate safeguards (Art. 46, 47) or a derogation (Art. 49). The tool
    belongs to the relation with the recipient (clauses are signed with it, once): the same
    transfer — the same recipient and country, named or not — written into several
    activities is one gap, reported at the first with the others named.

    Fails:

    ```yaml
    activities:
      - id: support
        name: Customer support
        transfers:
          - recipient: unknown
            country: unknown
            mechanism: unknown  # ← TR02
    ```

    Passes:

    ```yaml
    recipients:
      - {id: helpdesk, name: Helpdesk Ltd, kind: processor, country: IN, contract: DPA-7}
    activities:
      - id: support
        name: Customer support
        recipients: [helpdesk]
        transfers:
          - recipient: helpdesk
            country: IN
            mechanism: scc
            reference: SCC (EU) 2021/914, module 2, signed 2024-03-01
    ```
    """
    activities = _in_activities(register)
    for owner, location, transfer in transfers(register):
        if not_stated(transfer.mechanism):
            yield Violation(
                location.child("mechanism"),
                msg("a transfer of `{owner}` has no transfer tool", owner=owner),
                msg("add `mechanism:` — adequacy, scc, bcr, art46_other or derogation"),
                cause=_same_transfer(
                    activities, location, "mechanism", transfer.recipient, transfer.country
                ),
            )


@rule("TR03", "transfer.adequacy", severity=Severity.ERROR, article="Art. 45")
def adequacy(register: Register, context: Context) -> Iterator[Violation]:
    """Adequacy claimed where no adequacy decision covers the transfer.

    Why: an adequacy decision covers only the country (or sector, or organisations) it
    names. The United States decision covers only organisations on the Data Privacy
    Framework list; Canada's only commercial organisations under PIPEDA; Japan's, Korea's,
    Israel's and the Faroe Islands' decisions are partial too. The decisions in force are in
    `ropa.knowledge.adequacy`, with their sources.

    Fails:

    ```yaml
    recipients:
      - {id: cloud, name: Cloud Inc., kind: processor, country: US, contract: DPA-2}
      - {id: office, name: Office LLC, kind: processor, country: TR, contract: DPA-3}
    activities:
      - id: files
        name: File storage
        recipients: [cloud, office]
        transfers:
          - {recipient: cloud, country: US, mechanism: adequacy}  # ← TR03
          - {recipient: office, country: TR, mechanism: adequacy}  # ← TR03
    ```

    Passes:

    ```yaml
    recipients:
      - {id: cloud, name: Cloud Inc., kind: processor, country: US, contract: DPA-2,
         dpf_certified: true}
      - {id: office, name: Office Ltd, kind: processor, country: CH, contract: DPA-3}
    activities:
      - id: files
        name: File storage
        recipients: [cloud, office]
        transfers:
          - {recipient: cloud, country: US, mechanism: adequacy}
          - {recipient: office, country: CH, mechanism: adequacy}
    ```
    """
    for owner, location, transfer in transfers(register):
        if transfer.mechanism != "adequacy":
            continue
        country = _country(transfer)
        if country is None:
            yield Violation(
                location.child("country"),
                msg(
                    "a transfer of `{owner}` claims adequacy without naming the country",
                    owner=owner,
                ),
                msg("an adequacy decision covers a named country: write its ISO code"),
            )
            continue
        if is_eea(country):
            continue  # not a transfer at all: TR08 says so
        decision = decision_for(country)
        if decision is None:
            yield Violation(
                location.child("mechanism"),
                msg(
                    "a transfer of `{owner}` claims adequacy, but no adequacy decision "
                    "is in force for {country}",
                    owner=owner,
                    country=country,
                ),
                msg("use standard contractual clauses (scc) or another Art. 46 safeguard"),
            )
        elif decision.scope is Scope.DPF_PARTICIPANTS:
            recipient = register.recipient(transfer.recipient) if transfer.recipient else None
            if recipient is None or recipient.dpf_certified is not True:
                yield Violation(
                    location.child("mechanism"),
                    msg(
                        "a transfer of `{owner}` to the United States relies on adequacy, "
                        "but the recipient is not recorded as Data Privacy Framework "
                        "certified",
                        owner=owner,
                    ),
                    msg(
                        "check the DPF list and set `dpf_certified: true` on the recipient, "
                        "or use standard contractual clauses"
                    ),
                )
        elif decision.scope is Scope.PARTIAL and not_stated(transfer.adequacy_scope):
            yield Violation(
                location.child("mechanism"),
                msg(
                    "a transfer of `{owner}` relies on the partial adequacy decision "
                    "for {name} ({decision}), which covers only {scope_note}",
                    owner=owner,
                    name=decision.name,
                    decision=decision.decision,
                    scope_note=decision.scope_note,
                ),
                msg("say under `adequacy_scope:` why the recipient is covered"),
            )


@rule(
    "TR04",
    "transfer.derogation-safeguards",
    severity=Severity.ERROR,
    article="Art. 49(1) second subparagraph, 49(6), 30(1)(e)",
)
def derogation_safeguards(register: Register, context: Context) -> Iterator[Violation]:
    """A last-resort transfer (Art. 49(1) second subparagraph) without documented safeguards.

    Why: a transfer on compelling legitimate interests needs the controller's assessment
    and suitable safeguards, documented in the record (Art. 49(6), Art. 30(1)(e)), and the
    supervisory authority must be informed.

    Fails:

    ```yaml
    activities:
      - id: dispute
        name: Settling a dispute
        transfers:
          - country: BR  # ← TR04
            mechanism: derogation
            derogation: compelling_legitimate_interests
    ```

    Passes:

    ```yaml
    activities:
      - id: dispute
        name: Settling a dispute
        transfers:
          - country: BR
            mechanism: derogation
            derogation: compelling_legitimate_interests
            safeguards: Assessment 2024-05; only the claim file; encrypted; deleted after use
    ```
    """
    for owner, location, transfer in transfers(register):
        if transfer.derogation == "compelling_legitimate_interests" and not_stated(
            transfer.safeguards
        ):
            yield Violation(
                location,
                msg(
                    "a transfer of `{owner}` on compelling legitimate interests does "
                    "not document the assessment and safeguards",
                    owner=owner,
                ),
                msg("add `safeguards:` (Art. 49(6) puts them in the record)"),
            )


@rule("TR05", "transfer.country-unnamed", severity=Severity.ERROR, article="Art. 30(1)(e)")
def country_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """A transfer that does not name the third country.

    Why: the record identifies the third country or international organisation each
    transfer goes to (Art. 30(1)(e)). "Outside the EU/EEA in some cases" is not enough.
    Transfers to the same recipient (or to one left unnamed) written into several
    activities are one gap: the country is named once, for the recipient; the finding is
    made at the first and names the others.

    Fails:

    ```yaml
    activities:
      - id: support
        name: Customer support
        transfers:
          - recipient: unknown
            country: unknown  # ← TR05
            mechanism: scc
    ```

    Passes:

    ```yaml
    activities:
      - id: support
        name: Customer support
        transfers:
          - recipient: unknown
            country: GB
            mechanism: adequacy
    ```
    """
    activities = _in_activities(register)
    for owner, location, transfer in transfers(register):
        if _country(transfer) is None and not_stated(transfer.international_organisation):
            yield Violation(
                location.child("country"),
                msg("a transfer of `{owner}` does not name the country it goes to", owner=owner),
                msg("write the destination country's ISO code under `country:`"),
                cause=_same_transfer(activities, location, "country", transfer.recipient),
            )


@rule("TR06", "transfer.not-stated", severity=Severity.WARNING, article="Art. 30(1)(e)")
def not_stated_rule(register: Register, context: Context) -> Iterator[Violation]:
    """An entry that does not say whether data leaves the EEA.

    Why: the record states transfers to third countries where there are any
    (Art. 30(1)(e)); saying `transfers: none` shows the question was asked. A warning
    where the activity's own record gives a reason to think data may leave: a system it
    uses keeps the data outside the EEA or nobody knows where, or its words name ad
    tracking or tracking cookies (whose providers commonly sit outside the EEA). Elsewhere
    a note. Activities that leave the question open for the same kind of reason share one
    finding that lists them. A recipient abroad, or of unknown country, is reported at the
    recipient (TR01, RC04), not here again. An entry of a processor's record (a
    controller served) is reported on its own, as a warning.

    Fails:

    ```yaml
    systems:
      - {id: crm, name: CRM Cloud, location: unknown}
    activities:
      - id: orders
        name: Orders
        systems: [crm]
        transfers: unknown  # ← TR06
    ```

    Passes:

    ```yaml
    systems:
      - {id: crm, name: CRM Cloud, location: unknown}
    activities:
      - id: orders
        name: Orders
        systems: [crm]
        transfers: none
    ```
    """
    for owner in _owners(register):
        if owner.transfers is not None and owner.transfers != "unknown":
            continue
        message = msg(
            "`{id}` does not say whether data is transferred outside the EEA", id=owner.id
        )
        hint = msg("list the transfers under `transfers:`, or write `transfers: none`")
        if not isinstance(owner, Activity):
            yield Violation(owner.at("transfers"), message, hint)
            continue
        reason = _may_leave(register, owner)
        if reason is not None:
            yield Violation(
                owner.at("transfers"),
                msg("{message}, and {reason}", message=message, reason=reason[1]),
                hint,
                cause=f"{ABSENT}transfers:{reason[0]}",
                related=reason[2],
                grouped=_may_leave_grouped,
            )
        else:
            yield Violation(
                owner.at("transfers"),
                message,
                hint,
                severity=Severity.INFO,
                cause=f"{ABSENT}transfers",
                grouped=_not_stated_grouped,
            )


def _not_stated_grouped(count: int, names: str) -> Message:
    return counted(
        "{count} activity does not say whether data is transferred outside the EEA: {names}",
        "{count} activities do not say whether data is transferred outside the EEA: {names}",
        count=count,
        names=names,
    )


def _may_leave_grouped(count: int, names: str) -> Message:
    return counted(
        "{count} activity does not say whether data is transferred outside the EEA, though "
        "its systems or its words (tracking cookies, ads) suggest it may be: {names}",
        "{count} activities do not say whether data is transferred outside the EEA, though "
        "their systems or their words (tracking cookies, ads) suggest it may be: {names}",
        count=count,
        names=names,
    )


# "`name` mentions “sīkdatnes” (cookies ...)": no words of its own to translate, so not marked.
_WORDS = "{describe} ({label})"


def _may_leave(
    register: Register, activity: Activity
) -> tuple[str, Message, tuple[Location, ...]] | None:
    """Why the activity's data may leave the EEA, if its record gives a reason: what kind
    of reason, how a message says it, and the words it was read from."""
    for identifier in activity.systems or ():
        system = register.system(identifier)
        if system is None or system.location is None:
            continue
        if system.location == "unknown":
            reason = msg("where its system `{id}` keeps the data is not known", id=identifier)
            return "system", reason, ()
        if is_third_country(system.location):
            reason = msg(
                "its system `{id}` keeps the data in {country}",
                id=identifier,
                country=system.location,
            )
            return "system", reason, ()
    found = first_readings(activity, ("targeted_ads", "cookies", "cookies_necessary"))
    if "cookies" in found and "cookies_necessary" in found:
        del found["cookies"]
    reading = found.get("targeted_ads") or found.get("cookies")
    if reading is None:
        return None
    reason = Message(_WORDS, describe=reading.describe(), label=topic(reading.inference.concept))
    return "tracking", reason, (reading.location,)


@rule("TR07", "transfer.tool-details", severity=Severity.WARNING, article="Art. 46, 47, 49")
def tool_details(register: Register, context: Context) -> Iterator[Violation]:
    """A transfer tool without the detail that identifies it.

    Why: standard clauses, binding corporate rules and other safeguards are documents that
    can be produced when asked: name them (which clauses and module, signed when; which
    approved BCR; which code or certificate). Another Art. 46 safeguard needs `instrument`,
    a derogation needs `derogation`, naming which one.

    Fails:

    ```yaml
    activities:
      - id: support
        name: Customer support
        transfers:
          - country: IN
            mechanism: scc  # ← TR07
          - country: TR
            mechanism: derogation  # ← TR07
    ```

    Passes:

    ```yaml
    activities:
      - id: support
        name: Customer support
        transfers:
          - country: IN
            mechanism: scc
            reference: SCC (EU) 2021/914, module 2, signed 2024-03-01
          - country: TR
            mechanism: derogation
            derogation: contract_with_data_subject
    ```
    """
    for owner, location, transfer in transfers(register):
        mechanism = transfer.mechanism
        if mechanism in ("scc", "bcr", "art46_other") and not_stated(transfer.reference):
            yield Violation(
                location.child("mechanism"),
                msg(
                    "a transfer of `{owner}` on {mechanism} does not identify the document",
                    owner=owner,
                    mechanism=mechanism,
                ),
                msg(
                    "add `reference:` (clauses and module, date signed; BCR approval; "
                    "code or certificate)"
                ),
            )
        if mechanism == "art46_other" and transfer.instrument is None:
            yield Violation(
                location.child("mechanism"),
                msg("a transfer of `{owner}` names no Art. 46 instrument", owner=owner),
                msg("add `instrument:` (code_of_conduct, certification, ad_hoc_clauses, ...)"),
            )
        if mechanism == "derogation" and transfer.derogation is None:
            yield Violation(
                location.child("mechanism"),
                msg(
                    "a transfer of `{owner}` does not say which Art. 49 derogation it relies on",
                    owner=owner,
                ),
                msg("add `derogation:` (explicit_consent, contract_with_data_subject, ...)"),
            )


@rule("TR08", "transfer.inside-eea", severity=Severity.INFO, article="Art. 44")
def inside_eea(register: Register, context: Context) -> Iterator[Violation]:
    """A transfer entry for a country inside the EEA.

    Why: data moving within the EEA is not a Chapter V transfer and needs no transfer tool;
    listing it as one confuses the record. List the recipient under `recipients:` only.

    Fails:

    ```yaml
    activities:
      - id: hosting
        name: Hosting
        transfers:
          - country: DE  # ← TR08
            mechanism: scc
            reference: SCC 2021/914
    ```

    Passes:

    ```yaml
    activities:
      - id: hosting
        name: Hosting
        transfers: none
    ```
    """
    for owner, location, transfer in transfers(register):
        country = _country(transfer)
        if country is not None and is_eea(country):
            where = (
                msg("inside the EEA")
                if country == "EEA"
                else msg("to {country}, inside the EEA", country=country)
            )
            yield Violation(
                location.child("country"),
                msg(
                    "a transfer of `{owner}` goes {where}: not a Chapter V transfer",
                    owner=owner,
                    where=where,
                ),
                msg("remove the transfer entry; the recipient stays under `recipients:`"),
            )


@rule(
    "TR09",
    "transfer.public-authority-derogation",
    severity=Severity.ERROR,
    article="Art. 49(3)",
)
def public_authority_derogation(register: Register, context: Context) -> Iterator[Violation]:
    """A public authority relying on a derogation it may not use.

    Why: public authorities exercising their public powers cannot rely on explicit consent,
    contracts or compelling legitimate interests to transfer data (Art. 49(3)).

    Fails:

    ```yaml
    organisation:
      name: Valsts aģentūra
      role: controller
      public_authority: true
      contact: {email: pasts@agentura.gov.lv}
    activities:
      - id: exchange
        name: Data exchange
        transfers:
          - country: UA
            mechanism: derogation
            derogation: explicit_consent  # ← TR09
    ```

    Passes:

    ```yaml
    organisation:
      name: Valsts aģentūra
      role: controller
      public_authority: true
      contact: {email: pasts@agentura.gov.lv}
    activities:
      - id: exchange
        name: Data exchange
        transfers:
          - country: UA
            mechanism: art46_other
            instrument: administrative_arrangement
            reference: Arrangement approved by the Data State Inspectorate, 2024
    ```
    """
    if not register.organisation.is_public_authority:
        return
    for owner, location, transfer in transfers(register):
        if transfer.derogation in NOT_FOR_PUBLIC_AUTHORITIES:
            article = DEROGATIONS[transfer.derogation].article
            yield Violation(
                location.child("derogation"),
                msg(
                    "a transfer of `{owner}` relies on {article}, which public "
                    "authorities exercising public powers cannot use",
                    owner=owner,
                    article=article,
                ),
                msg("use an Art. 46 instrument between public authorities instead"),
            )
