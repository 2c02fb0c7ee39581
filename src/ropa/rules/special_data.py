"""Special categories (Art. 9), criminal data (Art. 10) and national identification numbers
(Art. 87)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge import lexicon
from ropa.knowledge.special import ARTICLE_9_2, SPECIAL_CATEGORIES, ConditionFact
from ropa.knowledge.text import fold_word
from ropa.model.activity import Activity, CriminalData, DataSubjectGroup, NationalId
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import law_unnamed, names_a_law, said_alone, says


@rule("SD01", "special-data.no-condition", severity=Severity.ERROR, article="Art. 9(1), 9(2)")
def no_condition(register: Register, context: Context) -> Iterator[Violation]:
    """Special-category data without an Art. 9(2) condition.

    Why: processing Art. 9(1) data is prohibited unless one of the conditions of Art. 9(2)
    applies — in addition to an Art. 6(1) basis.

    Fails:

    ```yaml
    activities:
      - id: sick-leave
        name: Sick-leave certificates
        special_categories:
          - category: health  # ← SD01
    ```

    Passes:

    ```yaml
    activities:
      - id: sick-leave
        name: Sick-leave certificates
        special_categories:
          - category: health
            condition: employment_social_security
            law: Darba likums
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.special_categories, list):
            continue
        for index, use in enumerate(activity.special_categories):
            if not_stated(use.condition):
                category = (
                    SPECIAL_CATEGORIES[use.category].english
                    if use.category in SPECIAL_CATEGORIES
                    else msg("special-category data (category not stated)")
                )
                yield Violation(
                    activity.at("special_categories", index, "condition"),
                    msg(
                        "`{id}` processes {category} without an Art. 9(2) condition",
                        id=activity.id,
                        category=category,
                    ),
                    msg(
                        "add `condition:` (explicit_consent, employment_social_security, "
                        "health_or_social_care, ...)"
                    ),
                )


@rule("SD02", "special-data.criminal-basis", severity=Severity.ERROR, article="Art. 10")
def criminal_basis(register: Register, context: Context) -> Iterator[Violation]:
    """Criminal-conviction data without its Art. 10 basis.

    Why: data on criminal convictions and offences may be processed only under the control
    of official authority or when authorised by Union or Member State law providing
    safeguards (Art. 10).

    Fails:

    ```yaml
    activities:
      - id: vetting
        name: Staff vetting
        criminal_data:  # ← SD02
          description: Certificates of no criminal record
    ```

    Passes:

    ```yaml
    activities:
      - id: vetting
        name: Staff vetting
        criminal_data:
          description: Certificates of no criminal record
          basis: authorised_by_law
          law: Bērnu tiesību aizsardzības likums
    ```
    """
    for activity in register.activities:
        data = activity.criminal_data
        if not isinstance(data, CriminalData):
            continue
        if not_stated(data.basis):
            yield Violation(
                activity.at("criminal_data"),
                msg(
                    "`{id}` processes criminal-conviction data without its Art. 10 basis",
                    id=activity.id,
                ),
                msg("add `basis: official_authority` or `basis: authorised_by_law` with `law:`"),
            )
        elif data.basis == "authorised_by_law" and not_stated(data.law):
            yield Violation(
                activity.at("criminal_data", "basis"),
                msg(
                    "`{id}`: criminal-conviction data authorised by law, but no law named",
                    id=activity.id,
                ),
                msg("add `law:` with the act that authorises it"),
            )


@rule("SD03", "special-data.national-id", severity=Severity.INFO, article="Art. 87")
def national_id(register: Register, context: Context) -> Iterator[Violation]:
    """A national identification number (personas kods) without a stated justification.

    Why: Member States may set conditions for national identification numbers, used only
    with appropriate safeguards (Art. 87). In Latvia, accounting source documents carry a
    private person's personas kods only at their request or where a law requires it
    (Accounting Law, section 11): record why it is needed, or stop collecting it. A
    justification that only points at the law in general ("where the law allows it",
    "kad to atļauj tiesību akti") names no law and justifies nothing a reader can check
    (Art. 6(3), Recital 41: a legal basis is clear and precise); naming the act ("Law on
    the Prevention of Money Laundering", "Grāmatvedības likums") is enough, and so is a
    ground of its own beside it (the person's consent or request, the need it serves).
    A class of legal acts named without the act ("saskaņā ar MK noteikumiem", "Cabinet
    regulations", "accommodation legislation", "normatīvie akti") says some instrument
    requires the number and withholds which: the finding asks which. The need the number
    serves ("personas identificēšanai") does not answer that, since a name and contact
    details identify a customer; only the person's own request or consent stands beside
    it, as in the Accounting Law.

    Fails:

    ```yaml
    activities:
      - id: contracts
        name: Contracts
        national_id:  # ← SD03
          description: personas kods of the customer
    ```

    Passes:

    ```yaml
    activities:
      - id: contracts
        name: Contracts
        national_id:
          description: personas kods of the customer
          justification: Printed on invoices at the customer's request (Grāmatvedības likums)
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.national_id, NationalId):
            continue
        justification = activity.national_id.justification
        unnamed = law_unnamed(justification)
        if unnamed is not None:
            yield Violation(
                activity.at("national_id", "justification"),
                msg(
                    "`{id}` justifies national identification numbers only by "
                    "\u201c{words}\u201d, which names no law",
                    id=activity.id,
                    words=unnamed,
                ),
                msg("name the law that requires or allows it, or the person's own request"),
            )
        elif (words := _law_class(justification)) is not None:
            yield Violation(
                activity.at("national_id", "justification"),
                msg(
                    "`{id}` justifies national identification numbers only by "
                    "\u201c{words}\u201d, a class of legal acts with none named",
                    id=activity.id,
                    words=words,
                ),
                msg(
                    "name the act and its article that require it (e.g. the regulation's "
                    "number), or the person's own request"
                ),
            )
        elif (words := said_alone("arrives_with", justification)) is not None:
            yield Violation(
                activity.at("national_id", "justification"),
                msg(
                    "`{id}` justifies national identification numbers only by where they "
                    "come from (“{words}”): receiving a number is no need to keep it",
                    id=activity.id,
                    words=words,
                ),
                msg(
                    "say why the number is needed (the law that requires it, the person's "
                    "own request), or do not keep it"
                ),
            )
        elif not_stated(justification):
            yield Violation(
                activity.at("national_id"),
                msg(
                    "`{id}` processes national identification numbers without a stated "
                    "justification",
                    id=activity.id,
                ),
                msg("add `justification:` (the law requiring it, or the person's own request)"),
            )


# The person's own request or consent: a ground beside the law that needs no act named.
_REQUEST = ("piekrisan", "lug", "ludz", "pieprasij", "consent", "request")


def _law_class(justification: object) -> str | None:
    """The words naming a class of legal acts ("MK noteikumi", "Cabinet regulations"),
    when the justification names no act and gives no request or consent of the person."""
    texts = [text_of(justification, language) for language in ("lv", "en")]
    texts = [text for text in texts if text and text not in ("unknown", "none")]
    if not texts or any(names_a_law(text) for text in texts):
        return None
    found: str | None = None
    for text in texts:
        if any(
            seen.concept == "own_ground" and fold_word(seen.matched).startswith(_REQUEST)
            for seen in lexicon.infer(text)
        ):
            return None
        read = lexicon.stated(text)
        for concept in ("law_class", "law_generic"):
            if found is None and concept in read:
                found = read[concept].matched
    return found


@rule("SD04", "special-data.condition-law", severity=Severity.WARNING, article="Art. 9(2)")
def condition_law(register: Register, context: Context) -> Iterator[Violation]:
    """An Art. 9(2) condition that rests on a law, without the law.

    Why: the conditions of Art. 9(2)(b), (g), (h), (i) and (j) apply only as far as Union or
    Member State law (or, for (b), a collective agreement) provides for the processing.
    Art. 9(2)(h) applies as well "pursuant to contract with a health professional" bound
    by professional secrecy (Art. 9(2)(h), 9(3)): where the data subjects are the
    controller's own patients, the treatment is that contract and no law needs naming;
    elsewhere (an employer's occupational medicine, say) the law or the contract is asked.
    The conditions are alternatives ("shall not apply if one of the following applies"):
    where the same category is already covered by a condition that stands as recorded,
    a second one stated beside it (a GP's (h) with (i) public health) is not asked for
    its law.

    Fails:

    ```yaml
    activities:
      - id: fitness-checks
        name: Occupational fitness checks
        data_subjects: [darbinieki]
        special_categories:
          - category: health
            condition: health_or_social_care  # ← SD04
    ```

    Passes:

    ```yaml
    activities:
      - id: fitness-checks
        name: Occupational fitness checks
        data_subjects: [darbinieki]
        special_categories:
          - category: health
            condition: health_or_social_care
            law: Darba aizsardzības likums
      - id: lab-tests
        name: Laboratory tests
        data_subjects: [pacienti]
        special_categories:
          - category: health
            condition: health_or_social_care
          - category: health
            condition: public_health
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.special_categories, list):
            continue
        patients = _treats_patients(activity)
        # Art. 9(2)'s conditions are alternatives: one that holds is enough. A category
        # already covered by a condition that needs no law (or names it) gains nothing
        # from asking the law of a second condition stated beside it.
        covered = {
            str(use.category)
            for use in activity.special_categories
            if isinstance(use.condition, str)
            and use.condition in ARTICLE_9_2
            and _holds_without_law(ARTICLE_9_2[use.condition], use.law, patients)
        }
        for index, use in enumerate(activity.special_categories):
            if not isinstance(use.condition, str) or use.condition == "unknown":
                continue
            fact = ARTICLE_9_2[use.condition]
            if _holds_without_law(fact, use.law, patients) or str(use.category) in covered:
                continue
            if not fact.or_contract:
                yield Violation(
                    activity.at("special_categories", index, "condition"),
                    msg(
                        "`{id}`: {article} rests on a law, but none is named",
                        id=activity.id,
                        article=fact.article,
                    ),
                    msg("add `law:` with the act that provides for the processing"),
                )
            else:
                yield Violation(
                    activity.at("special_categories", index, "condition"),
                    msg(
                        "`{id}`: {article} rests on a law or a contract with a health "
                        "professional, but neither is named",
                        id=activity.id,
                        article=fact.article,
                    ),
                    msg(
                        "add `law:` with the act that provides for the processing, or the "
                        "contract with the health professional"
                    ),
                )


def _holds_without_law(fact: ConditionFact, law: object, patients: bool) -> bool:
    """Whether a stated Art. 9(2) condition stands as recorded: it needs no law, names
    one, or is (h) for the controller's own patients (the contract with a health
    professional)."""
    return not fact.needs_law or not not_stated(law) or (fact.or_contract and patients)


def _treats_patients(activity: Activity) -> bool:
    """Whether the activity's data subjects are patients: the controller gives them care,
    and that care is the contract with a health professional of Art. 9(2)(h)."""
    subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
    return any(
        says(item.category if isinstance(item, DataSubjectGroup) else item, "patients")
        for item in subjects
    )
