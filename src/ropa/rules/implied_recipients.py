"""Recipients an activity's own words imply, where it records none (Art. 30(1)(d))."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, msg
from ropa.knowledge.lexicon import mentions
from ropa.knowledge.text import analyse, fold_word
from ropa.model.activity import Activity
from ropa.model.catalogues import Recipient
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import RecipientKind
from ropa.position import Location
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import Reading, first_readings, in_name, says, topic

# Processing that by its nature hands the data to someone else, and whom it hands it to.
# Read in the text layer (`ropa.knowledge.concepts`), in the order a finding prefers them.
_WHOM: dict[str, Message] = {
    "travel_booking": msg("carriers, accommodation providers or tour operators"),
    "courier_delivery": msg("the courier or parcel locker company"),
    "card_payment": msg("the payment service provider or card acquirer"),
    "outsourcing": msg("the providers of those services, processors under an Art. 28 contract"),
    "hosted_service": msg("the provider of that service, a processor or a controller of its own"),
    "insurance": msg(
        "insurers (or, where the organisation is the insurer, reinsurers, intermediaries or "
        "loss adjusters)"
    ),
    "sms_sending": msg("the SMS gateway or messaging provider, a processor"),
    "press_subscription": msg("the postal service or the press distributor that delivers them"),
}
# Read where the activity says what it does, not among the data: insurance as what the
# activity does or is for (arranging cover, supporting a claim: an insurance number among
# the data is not it), sending text messages (a mobile number is not), subscriptions to
# printed publications (with a delivery address among the data: a digital one has none).
_DOING_ONLY = ("insurance", "sms_sending", "press_subscription")
_BY_NATURE = tuple(concept for concept in _WHOM if concept not in _DOING_ONLY)
_DOING = ("purposes", "name", "description")
_DELIVERY = ("delivery_address",)
# Where the words are read: not `data_subjects`, where couriers or tour operators are the
# people whose data it is (a courier firm's staff, a travel agency's partners' contacts),
# not someone who receives it.
_KEYS = ("personal_data", "purposes", "name", "description")


def _implied(activity: Activity) -> Reading | None:
    """The first words of the activity that name processing which passes data on."""
    found = first_readings(activity, _BY_NATURE, _KEYS)
    for concept in _BY_NATURE:
        if concept in found:
            return found[concept]
    doing = first_readings(activity, _DOING_ONLY, _DOING)
    if "press_subscription" in doing and not first_readings(
        activity, _DELIVERY, ("personal_data",)
    ):
        del doing["press_subscription"]
    return next((doing[concept] for concept in _DOING_ONLY if concept in doing), None)


# A commercial company's legal form: a firm is no political party, whatever its name says
# ("SIA Partija", a party-supplies shop).
_COMPANY = re.compile(r"(?<![\w.])(?:SIA|AS|IK|Ltd\.?|Limited|PLC|plc|GmbH|LLC|Inc\.?)(?!\w)")


# A party's own members named as data subjects ("partijas biedri", "party members"): a
# party's name often does not say it is one ("Nacionālā apvienība", "Vienotība").
_PARTY_MEMBERS = re.compile(
    r"\bpartij\w*\s+biedr|\bparty\s+members?\b|\bmembers?\s+of\s+the\s+party\b", re.IGNORECASE
)


def _party(register: Register) -> bool:
    """Whether the organisation is a political party: its name says so (not a company's
    name), or its data subjects are the party's members."""
    name = register.organisation.name
    for language in ("lv", "en"):
        text = text_of(name, language)
        if not text or text == "unknown" or _COMPANY.search(text):
            continue
        if mentions(text, "political_party_body") is not None:
            return True
    seen: set[str] = set()  # (groups repeat across activities: each text read once)
    for activity in register.activities:
        if not isinstance(activity.data_subjects, list):
            continue
        for group in activity.data_subjects:
            value = getattr(group, "category", group)
            if value in (None, "unknown", "none"):
                continue
            for language in ("lv", "en"):
                text = text_of(value, language)
                if not text or text in seen:
                    continue
                seen.add(text)
                if _PARTY_MEMBERS.search(text):
                    return True
    return False


def _party_financing(activity: Activity) -> tuple[str, Location] | None:
    """The words, and their place, by which the activity receives donations or membership
    fees: in its name, purposes, data subjects or data."""
    values: list[tuple[object, Location]] = [(activity.name, activity.at("name"))]
    if isinstance(activity.purposes, list):
        values.extend(
            (purpose.purpose, activity.at("purposes", index, "purpose"))
            for index, purpose in enumerate(activity.purposes)
        )
    for key in ("data_subjects", "personal_data"):
        items = getattr(activity, key)
        if isinstance(items, list):
            values.extend(
                (getattr(item, "category", item), activity.at(key, index))
                for index, item in enumerate(items)
            )
    for value, location in values:
        for language in ("lv", "en"):
            text = text_of(value, language) if value not in (None, "unknown", "none") else None
            found = mentions(text, "party_financing") if text else None
            if found is not None:
                return found.matched, location
    return None


# The tax authority by its name or its kind (folded): "HMRC", "Revenue Commissioners",
# "Valsts ieņēmumu dienests", "VID", "the tax authority", "nodokļu administrācija".
_TAX_AUTHORITY = re.compile(
    r"\b(?:hmrc|hm revenue|revenue commissioners|valsts ienemumu dienest\w*|vid|"
    r"tax (?:authorit\w*|office|administration)|nodoklu (?:administracij\w*|iestad\w*))\b"
)
# Words saying the data does not go there ("not shared with HMRC", "netiek nodoti").
_NOT_GIVEN = re.compile(r"\b(?:not|never|no|netiek|nenodod\w*|nav)\b")


def _tax_reporting(activity: Activity) -> tuple[str, Location] | None:
    """The words, and their place, by which a purpose of the activity names the tax
    authority ("HMRC reporting", "ziņošana VID"), where it does not deny giving it data."""
    if not isinstance(activity.purposes, list):
        return None
    for index, purpose in enumerate(activity.purposes):
        for language in ("lv", "en"):
            text = text_of(purpose.purpose, language)
            if not text or text in ("unknown", "none"):
                continue
            folded = fold_word(text)
            found = _TAX_AUTHORITY.search(folded)
            if found is not None and not _NOT_GIVEN.search(folded):
                words = text[found.start() : found.end()]
                return words, activity.at("purposes", index, "purpose")
    return None


def _authority_listed(register: Register, activity: Activity) -> bool:
    """Whether the activity's recipients include a public authority (by kind or words)."""
    listed = activity.recipients if isinstance(activity.recipients, list) else []
    catalogue = {recipient.id: recipient for recipient in register.recipients}
    for identifier in listed:
        recipient = catalogue.get(identifier)
        if recipient is None:
            continue
        if recipient.kind is RecipientKind.PUBLIC_AUTHORITY:
            return True
        for value in (recipient.name, recipient.category):
            if value not in (None, "unknown", "none") and says(value, "public_body"):
                return True
    return False


# The words by which a recorded recipient is of the kind the activity's words imply
# (folded: no diacritics, lower case). Any recipient recorded as a processor is one that
# outsourced services go to.
_COVERING: dict[str, re.Pattern[str]] = {
    "travel_booking": re.compile(
        r"airline|aviokompanij|hotel|viesnic|carrier|parvadataj|tour operator|turoperator|"
        r"accommodation|naktsmit|travel|celojum|tourism|turism|partner"
    ),
    "courier_delivery": re.compile(
        r"courier|kurjer|pasts|\bpost|deliver|piegad|shipping|carrier|parvadataj|logisti|"
        r"omniva|\bdpd\b|\bdhl\b|\bups\b|fedex|venipak|parcel|pakomat|smartpost"
    ),
    "card_payment": re.compile(
        r"bank|payment|maksajum|norekin|stripe|paypal|klarna|acquir|\bcard|kart|everypay|"
        r"makecommerce|montonio|paysera|worldpay|adyen|sumup|braintree|checkout"
    ),
    "insurance": re.compile(r"insur|apdrosin|reinsur|loss adjust|broker|starpniek"),
    "sms_sending": re.compile(
        r"\bsms|isziņ|iszin|messag|zinojum|telecom|telekom|mobile operator|mobilo sakaru|"
        r"operator|gateway|varteja"
    ),
    "press_subscription": re.compile(
        r"\bpast|\bpost|deliver|piegad|distribut|izplat|courier|kurjer|preses"
    ),
    # (A named service's provider recorded as a controller: by its brand.)
    "hosted_service": re.compile(
        r"google|microsoft|typeform|jotform|surveymonkey|eventbrite|ticketmaster|"
        r"bilesu|piletilevi|fienta|mailchimp|intuit|mailerlite|sendinblue|brevo|calendly|"
        r"zoom|ticket|bilet|form|survey|aptauj|newsletter|jaunumu|e-past|portal|cv\.lv|"
        r"cv-online|cvmarket|stepstone"
    ),
}


def _courier(register: Register) -> bool:
    """Whether the organisation's name says it is a courier or parcel service: its own
    deliveries are its service, not data passed to one."""
    name = register.organisation.name
    return any(
        mentions(text, "courier_delivery") is not None
        for language in ("lv", "en")
        if name not in (None, "unknown") and (text := text_of(name, language))
    )


# The implied recipients any recipient recorded as a processor may be.
_ANY_PROCESSOR = ("outsourcing", "hosted_service", "sms_sending")


def _covered(register: Register, listed: list[str], concept: str) -> bool:
    """Whether a recipient the activity lists is of the kind its words imply."""
    catalogue = {recipient.id: recipient for recipient in register.recipients}
    for identifier in listed:
        recipient = catalogue.get(identifier)
        if recipient is None:
            # (A recipient the register does not hold: RC02's or the validator's.)
            return True
        if concept in _ANY_PROCESSOR:
            if recipient.kind in (
                RecipientKind.PROCESSOR,
                RecipientKind.SUB_PROCESSOR,
                RecipientKind.UNKNOWN,
            ):
                return True
            if concept == "outsourcing":
                continue
        pattern = _COVERING[concept]
        for value in (recipient.name, recipient.category, recipient.description):
            if value in (None, "unknown", "none"):
                continue
            for language in ("lv", "en"):
                text = text_of(value, language)
                if text and pattern.search(fold_word(text)):
                    return True
    return False


# A purpose that pursues identified people's offences (prosecuting offenders, evidence
# in criminal proceedings): read only against `recipients: none`.
_PURSUIT = ("offence_pursuit",)


_POLICE = ("offence_pursuit", "crime_detection")


def _handed_to_police(activity: Activity) -> Reading | None:
    """The words of a purpose that pursues, detects or investigates offences, for an
    activity whose recipients are unknown, absent or `none` (the caller's test)."""
    read = first_readings(activity, _POLICE, ("purposes",))
    return read.get("offence_pursuit") or read.get("crime_detection")


def _records_none(activity: Activity) -> bool:
    listed = activity.recipients
    return listed is None or listed in ("unknown", "none") or listed == []


def _weight(activity: Activity) -> Severity | None:
    """RC25's weight: a note where the recipients are unknown or left out (AC04 reports
    that gap as an error), the rule's own where they are `none` or listed."""
    return Severity.INFO if activity.recipients in (None, "unknown") else None


@rule(
    "RC25",
    "activity.recipients-implied",
    severity=Severity.WARNING,
    article="Art. 4(9), 13(1)(e), 30(1)(d)",
)
def recipients_implied(register: Register, context: Context) -> Iterator[Violation]:
    """An activity whose words name processing that passes data on, with no recipient.

    Why: the record names the recipients of each activity (Art. 30(1)(d)), and the person
    is told them (Art. 13(1)(e), 14(1)(e)). Some processing cannot be done without
    handing the data to someone else, and its own words say so: selling or booking
    travel (the carrier, the accommodation, the tour operator get the traveller's name),
    delivery by courier or parcel locker (the courier company gets the address), payment
    by card or an online payment service (the acquirer and the payment service provider
    get the payer's data, as controllers of their own: PSD2; EDPB Guidelines 07/2020),
    and services bought in from outside ("ārpakalpojumi", "outsourced services": a
    processor, Art. 4(8), 28). So does insurance as what an activity does or is for
    (broking it, selling leasing with it, keeping footage to support claims): the insurer
    gets the insured person's or the claimant's data, and an insurer's own business
    passes it to reinsurers, intermediaries and loss adjusters. An activity that says so
    and leaves `recipients:` unknown, out, or `none` leaves out a recipient that exists;
    the finding says which words imply it and what kind of recipient to look for. Read
    in the activity's name, description, purposes and data (insurance only in the first
    three: an insurance number among the data, or social insurance, is not it), in any
    inflection; a denial ("we do not outsource") is not a finding, nor the
    organisation's own couriers, nor its providing outsourced services to others or
    acting as a processor itself, nor couriers or tour operators named among the data
    subjects (a courier firm's staff), nor delivery by an organisation whose name says it
    is a courier (its deliveries are its own service), nor words that are only the
    organisation's own name where it stands in the activity's words (an insurer's name
    in its job advertisements is no insurance the activity arranges), nor a card number
    among the data
    (a card kept as a guarantee is charged through no one yet). An activity that records
    recipients, none of which is of the kind its words imply, leaves that one out all the
    same: a recipient counts as of that kind where its name, category or description says
    so (a courier, post or parcel service; a bank or payment service; an insurer or
    broker; a carrier, hotel or tour operator), and for outsourced services any recipient
    recorded as a processor (or whose kind is unknown). An outside online service named
    by its brand ("Google Forms", "Eventbrite", "Biļešu Serviss", "Mailchimp", "Zoom"),
    and a job portal ("CV-Online", "darba sludinājumu portāls", "job board"), is run by its
    provider, who holds what passes through it: a processor or a
    controller of its own, a recipient either way; a "registration form" or a "ticket
    system" as such may be the organisation's own and is not read.

    Sending text messages ("piedāvājumu izsūtīšana uz mobilā tālruņa numuru", "īsziņu
    atgādinājumi", "reminders by SMS") goes through an SMS gateway or a messaging
    provider, which gets the numbers and the text to deliver them: a processor (Art.
    4(8), 28), covered by any recipient recorded as a processor or named as an SMS,
    messaging or telecom service. Subscriptions to printed publications ("izdevumu
    abonēšana", "newspaper subscriptions"), with a delivery address among the data, hand
    the subscriber's name and address to the postal service or the press distributor that
    carries the copies. Both are read only where the activity says what it does (its name,
    description, purposes): a mobile number among the data sends nothing, e-mail may go
    through the organisation's own server, and a digital subscription has no address.

    A purpose that pursues identified people's offences ("prosecuting offenders",
    "pierādījumi kriminālprocesā", footage kept as evidence) cannot be served without
    handing the data to the police, a prosecutor or a court, so `recipients: none`
    contradicts it. Those authorities, receiving data in a particular inquiry, are left
    out of the definition of recipient (Art. 4(9)), but data the organisation itself
    hands over to have an offence pursued goes to them as a matter of its own purpose,
    and the person is told where it goes (Art. 13(1)(e); EDPB Guidelines 3/2019 on video
    devices, on disclosing footage to third parties such as the police; section numbers
    not verified). Detecting or investigating offences ("noziedzīgu nodarījumu
    atklāšana", "to detect crime", "investigating thefts") is the same: an offence the
    organisation finds is pursued only by handing it to the police, so the purpose names
    that disclosure. Both are read against `recipients: unknown` (or left out) as well
    as `none`: AC04 says once for the register that recipients are not known, this
    finding says which recipient the purpose itself makes certain. Against `unknown` (or
    left out) it is a note (`info`), for every implied recipient above: the gap, no
    recipient known, is AC04's error already, and one gap is reported once at its
    weight (issue 11, "noise"); the note adds only whom to look for. Against `none`, or a
    list with none of the implied kind, the record contradicts its own words, and that
    stays a warning. Not read: preventing
    crime as such ("to prevent crime", "noziedzīgu nodarījumu novēršana"), nor video
    surveillance as such, whose footage may go to the police on request but need not go
    to anyone (authorities asking in a particular inquiry are not recipients, Art.
    4(9)), nor detecting money laundering (reported to the financial intelligence unit
    under its own law), nor a website or e-mail, which an organisation may run itself.
    RC23 asks the same of tracking tools.

    A purpose that names the tax authority ("HMRC reporting", "Valsts ieņēmumu
    dienestam sniedzamās atskaites", "reporting to the tax authority") says that data
    goes there: what the tax laws make a business report (payroll, invoices, its
    customers' transactions where required) is handed over as a matter of routine, not in
    a particular inquiry, so the tax authority is a recipient (Art. 4(9); in Latvia the
    likums "Par nodokļiem un nodevām", in the UK the Taxes Management Act 1970; section
    numbers not verified), and an activity whose purposes name it and whose recipients
    hold no public authority leaves it out. A purpose that denies it ("not shared with
    HMRC") is not read, nor tax records kept without the authority being named.

    A political party (the organisation's name says so, a company's name never, or its
    data subjects are "partijas biedri", "party members") that receives
    donations or membership fees must report them to the authority that supervises party
    financing, which publishes the donors (in Latvia the Corruption Prevention and
    Combating Bureau, KNAB, under the Politisko organizāciju (partiju) finansēšanas likums:
    each donation within 15 days, membership fees quarterly; in the UK reportable
    donations go to the Electoral Commission under the Political Parties, Elections and
    Referendums Act 2000; section numbers not verified). That authority receives the data
    by law, not in a particular inquiry, so it is a recipient (Art. 4(9)): an activity of
    a party that speaks of donations, donors or membership fees (in its name, purposes,
    data subjects or data) and lists no public authority among its recipients (unknown,
    `none`, or only others) leaves it out. A denial ("we accept no donations") is not read.

    Fails:

    ```yaml
    activities:
      - id: trips
        name: Ceļojumu organizēšana un pārdošana
        recipients: none  # ← RC25
    ```

    Passes:

    ```yaml
    recipients:
      - id: carriers
        name: unknown
        category: {lv: aviokompānijas un viesnīcas, en: airlines and hotels}
        kind: controller
        country: unknown
    activities:
      - id: trips
        name: Ceļojumu organizēšana un pārdošana
        recipients: [carriers]
    ```
    """
    party = _party(register)
    courier = _courier(register)
    for activity in register.activities:
        financing = _party_financing(activity) if party else None
        if financing is not None and not _authority_listed(register, activity):
            words, location = financing
            yield Violation(
                activity.at("recipients"),
                msg(
                    "`{id}` receives a party's donations or membership fees "
                    "(\u201c{words}\u201d), which the law makes it report to the "
                    "authority that supervises party financing (in Latvia KNAB, which "
                    "publishes them), but no public authority is among its recipients",
                    id=activity.id,
                    words=words,
                ),
                msg(
                    "add that authority to `recipients:` with `kind: public_authority` "
                    "and the law that requires the report"
                ),
                related=(location,),
            )
            continue
        recorded = not _records_none(activity)
        if recorded and not isinstance(activity.recipients, list):
            continue
        tax = _tax_reporting(activity)
        if tax is not None and not _authority_listed(register, activity):
            words, location = tax
            yield Violation(
                activity.at("recipients"),
                msg(
                    "`{id}` names the tax authority in its purposes (\u201c{words}\u201d), "
                    "which receives what the law makes the organisation report, but no "
                    "public authority is among its recipients",
                    id=activity.id,
                    words=words,
                ),
                msg(
                    "add the tax authority to `recipients:` with `kind: public_authority` "
                    "and the law that requires the report"
                ),
                severity=_weight(activity),
                related=(location,),
            )
            continue
        pursuit = (
            first_readings(activity, _PURSUIT, ("purposes",)).get("offence_pursuit")
            if activity.recipients == "none"
            else None
        )
        found = (
            _handed_to_police(activity)
            if pursuit is None and activity.recipients in (None, "unknown", "none")
            else None
        )
        if found is not None:
            yield Violation(
                activity.at("recipients"),
                msg(
                    "`{id}` names \u201c{words}\u201d ({what}), which hands what it finds to "
                    "the police, a prosecutor or a court, but does not say who receives its "
                    "data",
                    id=activity.id,
                    words=found.quote(),
                    what=topic(found.concept),
                )
                if activity.recipients != "none"
                else msg(
                    "`{id}` names \u201c{words}\u201d ({what}), which hands what it finds to "
                    "the police, a prosecutor or a court, but records `recipients: none`",
                    id=activity.id,
                    words=found.quote(),
                    what=topic(found.concept),
                ),
                msg(
                    "record the authorities the data goes to (the police, prosecutors, "
                    "courts) by category under `recipients:`, with `kind: public_authority`"
                ),
                severity=_weight(activity),
                related=(found.location,),
            )
            continue
        if pursuit is not None:
            yield Violation(
                activity.at("recipients"),
                msg(
                    "`{id}` pursues offences (\u201c{words}\u201d), which hands its data to "
                    "the police, a prosecutor or a court, but records `recipients: none`",
                    id=activity.id,
                    words=pursuit.quote(),
                ),
                msg(
                    "record the authorities the data goes to (the police, prosecutors, "
                    "courts) by category under `recipients:`, with `kind: public_authority`"
                ),
                related=(pursuit.location,),
            )
            continue
        reading = _implied(activity)
        if reading is None or (courier and reading.concept == "courier_delivery"):
            continue
        if in_name(reading, register.organisation.name):
            continue
        listed = activity.recipients if isinstance(activity.recipients, list) else []
        if recorded and _covered(register, listed, reading.concept):
            continue
        words, what, whom = reading.quote(), topic(reading.concept), _WHOM[reading.concept]
        yield Violation(
            activity.at("recipients"),
            msg(
                "`{id}` names \u201c{words}\u201d ({what}), which passes its data to "
                "{whom}, but none of its recipients is one",
                id=activity.id,
                words=words,
                what=what,
                whom=whom,
            )
            if recorded
            else msg(
                "`{id}` names \u201c{words}\u201d ({what}), which passes its data to "
                "{whom}, but it records no recipient",
                id=activity.id,
                words=words,
                what=what,
                whom=whom,
            ),
            msg(
                "add those recipients to `recipients:`, by name or by category, with their "
                "kind and country"
            ),
            severity=_weight(activity),
            related=(reading.location,),
        )


# The words of a state information system's name that say nothing of its sector, nor of
# entering data in it (stems): what is left ("izglītīb", "education", "veselīb") is the
# sector, which the holder's name carries ("Izglītības un zinātnes ministrija",
# "Nacionālais veselības dienests").
_SYSTEM_WORDS = re.compile(
    r"^(?:valst|state|national|informacij|information|sistem|system|registr|register|"
    r"ievad|ieklau|enter|record|in|into|the)"
)
# A recipient whose words name a state information system, or one by its short name.
_NAMES_SYSTEM = re.compile(
    r"informācijas sistēm|informacijas sistem|information system|\bviis\b|e-veselīb|"
    r"e-veselib|e-health",
    re.IGNORECASE,
)
_STATE_SYSTEM = ("state_system_entry",)
# Stems this short ("in", "the") say nothing of a sector.
_SECTOR_STEM = 4


def _sector(words: str) -> frozenset[str]:
    return frozenset(
        token.stem
        for token in analyse(words).tokens
        if len(token.stem) >= _SECTOR_STEM and not _SYSTEM_WORDS.match(token.stem)
    )


def _holds_system(recipient: Recipient, sector: frozenset[str]) -> bool:
    """Whether a recipient names a state information system, or is an authority whose
    name or category carries the system's sector."""
    texts = [
        text
        for value in (recipient.name, recipient.category, recipient.description)
        if value not in (None, "unknown", "none")
        for text in (text_of(value, "lv"), text_of(value, "en"))
        if text
    ]
    if any(_NAMES_SYSTEM.search(text) for text in texts):
        return True
    return any(not _sector(text).isdisjoint(sector) for text in texts)


@rule(
    "RC26",
    "activity.state-system-holder-unlisted",
    severity=Severity.WARNING,
    article="Art. 4(9), 13(1)(e), 30(1)(d)",
)
def state_system_holder_unlisted(register: Register, context: Context) -> Iterator[Violation]:
    """Data entered in a state information system whose holder is not among the recipients.

    Why: the record names the recipients of each activity (Art. 30(1)(d)), and the person
    is told them (Art. 13(1)(e)). An organisation that registers people in a state
    information system (pupils in the State Education Information System, VIIS;
    patients' records in e-veselība, the e-health system) discloses their data to the
    authority that holds the system, as a matter of routine: a recipient (Art. 4(9)),
    not an authority receiving data in a particular inquiry, which the definition leaves
    out. Where the activity's words say so ("audzēkņu reģistrēšana Valsts izglītības
    informācijas sistēmā", "registering pupils in the State Education Information
    System", "VIIS") and no recipient names such a system or is an authority of the
    system's sector (its name or category carrying the sector's word: "Izglītības un
    zinātnes ministrija" for the education system, "Nacionālais veselības dienests" for
    e-veselība), the record leaves out a recipient its own words name. Read in the
    activity's name, description, purposes and data, by the words of entering data in
    such a system or the system's short name: data taken from a register is a source,
    not a disclosure; a denial is not a finding. RC24 asks the same of a system recorded
    under `systems:`.

    Fails:

    ```yaml
    activities:
      - id: pupils
        name: Audzēkņu uzskaite
        purposes:
          - purpose: audzēkņu reģistrēšana Valsts izglītības informācijas sistēmā
            legal_basis: {basis: legal_obligation, law: Izglītības likums}
        recipients: none  # ← RC26
    ```

    Passes:

    ```yaml
    recipients:
      - id: izm
        name: Izglītības un zinātnes ministrija
        category: {lv: VIIS pārzinis, en: holder of VIIS}
        kind: public_authority
        country: LV
    activities:
      - id: pupils
        name: Audzēkņu uzskaite
        purposes:
          - purpose: audzēkņu reģistrēšana Valsts izglītības informācijas sistēmā
            legal_basis: {basis: legal_obligation, law: Izglītības likums}
        recipients: [izm]
    ```
    """
    catalogue = {recipient.id: recipient for recipient in register.recipients}
    for activity in register.activities:
        reading = first_readings(activity, _STATE_SYSTEM, _KEYS).get("state_system_entry")
        if reading is None:
            continue
        listed = activity.recipients if isinstance(activity.recipients, list) else []
        sector = _sector(reading.inference.matched)
        if any(
            _holds_system(catalogue[identifier], sector)
            for identifier in listed
            if identifier in catalogue
        ):
            continue
        yield Violation(
            activity.at("recipients"),
            msg(
                "`{id}` enters data in a state information system (\u201c{words}\u201d), "
                "whose holder receives it, but no recipient names the system or its holder",
                id=activity.id,
                words=reading.quote(),
            ),
            msg(
                "add the authority that holds the system (the one its regulations name) to "
                "`recipients:`, with `kind: public_authority`"
            ),
            related=(reading.location,),
        )


__all__ = ["recipients_implied", "state_system_holder_unlisted"]
