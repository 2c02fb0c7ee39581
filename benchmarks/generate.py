"""Synthetic registers for benchmarks: N activities with realistic fields and references.

Deterministic for a given N and seed. About 1.4 KB of YAML per activity, like the registers
the performance targets were measured on: bilingual names and purposes, legal bases of
every kind, data subjects and categories, recipients and transfers that reference a
catalogue, retention with statutes, security measures, DPIA screening — and a share of
gaps, so the checks have something to report.

    python benchmarks/generate.py 10000 > /tmp/register-10000.yaml
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

DEPARTMENTS = ["Pārdošana", "Personāls", "Grāmatvedība", "IT", "Mārketings", "Klientu serviss"]
SUBJECTS = ["customers", "employees", "job applicants", "website visitors", "suppliers"]
DATA = [
    "vārds, uzvārds",
    "e-pasta adrese",
    "tālruņa numurs",
    "piegādes adrese",
    "pasūtījumu vēsture",
    "IP adrese",
    "bankas konta numurs",
]
COUNTRIES = ["LV", "LV", "LV", "EE", "LT", "DE", "US", "IN", "GB", "CH"]
BASES = [
    "  basis: contract\n",
    "  basis: legal_obligation\n  law: Grāmatvedības likums\n",
    "  basis: legitimate_interests\n  interest: Krāpšanas novēršana\n  assessment: LIA-{n}\n",
    "  basis: consent\n  consent_record: Double opt-in log\n  withdrawal: Unsubscribe link\n",
]


def register(activities: int, seed: int = 2024) -> Iterator[str]:
    """The register's YAML, in chunks (so 50,000 activities never sit in one string)."""
    rng = random.Random(seed)
    recipients = max(10, activities // 20)
    yield (
        "# yaml-language-server: $schema=../schemas/ropa.schema.json\n"
        "ropa: 1\n"
        "organisation:\n"
        '  name: SIA "Sintētika"\n'
        '  registration_number: "40003999000"\n'
        "  country: LV\n"
        '  contact: {email: privatums@sintetika.lv, phone: "+371 60000000"}\n'
        "  role: controller\n"
        f"  employees: {rng.randint(250, 5000)}\n"
        "  dpo: {appointed: true, name: Datu aizsardzības speciālists, "
        "contact: {email: dpo@sintetika.lv}}\n"
        "  representative: none\n"
        "  joint_controllers: none\n"
        "security_measures:\n"
        "  - {id: access, name: Role-based access, kind: organisational, "
        "description: Reviewed quarterly}\n"
        "  - {id: encryption, name: Encryption, kind: technical, "
        "description: TLS in transit; AES-256 at rest}\n"
        "  - {id: backups, name: Backups, kind: technical, description: Daily; kept 30 days}\n"
        "recipients:\n"
    )
    countries = []
    for index in range(recipients):
        country = rng.choice(COUNTRIES)
        countries.append(country)
        dpf = "\n    dpf_certified: true" if country == "US" else ""
        yield (
            f"  - id: recipient-{index}\n"
            f"    name: Saņēmējs {index} SIA\n"
            f"    category: {{lv: pakalpojumu sniedzējs, en: service provider}}\n"
            f"    kind: processor\n"
            f"    country: {country}\n"
            f"    contract: DPA-{index:05d}{dpf}\n"
        )
    yield "activities:\n"
    for index in range(activities):
        yield _activity(index, rng, recipients, countries)


def _activity(index: int, rng: random.Random, recipients: int, countries: list[str]) -> str:
    chosen = sorted(rng.sample(range(recipients), 2))
    purposes = []
    for number in range(2):
        basis = rng.choice(BASES).format(n=index).replace("\n  ", "\n          ")
        purposes.append(
            f"      - purpose: {{lv: Nolūks {number + 1} darbībai {index}, "
            f"en: Purpose {number + 1} of activity {index}}}\n"
            f"        legal_basis:\n        {basis}"
        )
    transfers = [
        f"      - {{recipient: recipient-{r}, country: {countries[r]}, "
        + (
            "mechanism: adequacy}\n"
            if countries[r] in ("US", "GB", "CH")
            else "mechanism: scc, reference: SCC 2021/914 module 2}\n"
        )
        for r in chosen
        if countries[r] in ("US", "IN", "GB", "CH")
    ]
    data = rng.sample(DATA, 3)
    gap = index % 7 == 0
    return (
        f"  - id: activity-{index}\n"
        f"    name: {{lv: Apstrādes darbība {index} ({DEPARTMENTS[index % 6]}), "
        f"en: Processing activity {index}}}\n"
        "    description: >-\n"
        f"      Apraksts darbībai {index}: dati tiek apstrādāti, glabāti un nodoti "
        "saņēmējiem saskaņā ar līgumu.\n"
        f"    owner: {DEPARTMENTS[index % 6]} vadītājs\n"
        f"    department: {DEPARTMENTS[index % 6]}\n"
        "    purposes:\n" + "".join(purposes) + "    data_subjects: "
        f"[{rng.choice(SUBJECTS)}]\n"
        "    personal_data:\n"
        + "".join(f'      - "{item}"\n' for item in data)
        + "    special_categories: none\n"
        "    sources: [{kind: data_subject}]\n"
        f"    recipients: [recipient-{chosen[0]}, recipient-{chosen[1]}]\n"
        + ("    transfers:\n" + "".join(transfers) if transfers else "    transfers: none\n")
        + (
            "    retention: {criteria: kamēr nepieciešams}\n"
            if gap
            else "    retention:\n      period: P5Y\n      from: gada beigas\n"
            "      statute: LV.RET.ACC.SRC\n"
        )
        + "    security_measures: [access, encryption, backups]\n"
        "    dpia: {required: false, status: not_required}\n"
        f"    last_review: 2024-{index % 12 + 1:02d}-15\n"
    )


def main() -> None:
    activities = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2024
    out = sys.stdout
    for chunk in register(activities, seed):
        out.write(chunk)


if __name__ == "__main__":
    main()
