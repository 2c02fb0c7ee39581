"""fides interop: `ropa export --format fides` and `ropa import` of a fides manifest,
through the real CLI; the mapping table as data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ropa.knowledge import fides
from ropa.yamlio import parse_fast
from tests.conftest import FIXTURES, SEED_REGISTERS, invoke, run_ropa

DEMO = FIXTURES / "import" / "fides-demo.yml"
# fideslang 3.1.4, validation.FIDES_KEY_PATTERN and models.LegalBasisForProcessingEnum.
FIDES_KEY = re.compile(r"^[a-zA-Z0-9_.<>-]+$")
LEGAL_BASES = set(fides.LEGAL_BASES.values())
TAXONOMY_CATEGORIES = {term.key for term in fides.DATA_CATEGORIES} | {"user"}
TAXONOMY_USES = {term.key for term in fides.DATA_USES} | set(fides.USE_BY_BASIS.values())


def load(text: str) -> Any:
    document = parse_fast(text, "<manifest>")
    assert not document.problems
    assert isinstance(document.data, dict)
    return document.data


@pytest.mark.parametrize("register", SEED_REGISTERS, ids=lambda path: path.stem)
def test_the_export_has_the_shape_fideslang_requires(register: Path) -> None:
    done = invoke("export", str(register), "--format", "fides", "--lang", "en")
    assert done.returncode == 0, done.stderr
    manifest = load(done.stdout)
    (organization,) = manifest["organization"]
    assert FIDES_KEY.match(organization["fides_key"])
    systems = manifest["system"]
    assert isinstance(systems, list)
    assert systems, "every activity is a system"
    for system in systems:
        assert FIDES_KEY.match(system["fides_key"])
        assert system["organization_fides_key"] == organization["fides_key"]
        assert system["system_type"] == "Processing activity"
        assert f"ropa activity id: {system['fides_key']}" in system["description"]
        for declaration in system["privacy_declarations"]:
            assert declaration["data_use"] in TAXONOMY_USES
            assert set(declaration["data_categories"]) <= TAXONOMY_CATEGORIES
            assert declaration["data_subjects"]
            assert all(FIDES_KEY.match(key) for key in declaration["data_subjects"])
            basis = declaration.get("legal_basis_for_processing")
            assert basis is None or basis in LEGAL_BASES


def test_a_seed_activity_maps_as_a_person_would(tmp_path: Path) -> None:
    done = invoke("export", "registers/micrec.yaml", "--format", "fides", "--lang", "en")
    systems = {system["fides_key"]: system for system in load(done.stdout)["system"]}
    orders = systems["orders"]
    first = orders["privacy_declarations"][0]
    # micrec's orders: name, contact details with e-mail, phone and address, payment and
    # order information; customers; contract; delivered by couriers.
    assert first["data_categories"] == [
        "user.name",
        "user.contact.email",
        "user.contact.phone_number",
        "user.contact.address",
        "user.payment",
        "user.behavior.purchase_history",
    ]
    assert first["data_subjects"] == ["customer"]
    assert first["legal_basis_for_processing"] == "Contract"
    assert first["data_use"] == "essential.service"
    assert "delivery services" in first["third_parties"]
    # The register does not know whether data leaves the EEA: fides is told nothing false.
    assert "does_international_transfers" not in orders
    assert "Transfers outside the EEA: not known" in orders["description"]


@pytest.mark.parametrize("register", SEED_REGISTERS, ids=lambda path: path.stem)
def test_export_import_export_gives_the_same_manifest(register: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.yml"
    assert invoke("export", str(register), "-f", "fides", "-o", str(first)).returncode == 0
    imported = tmp_path / "imported.yaml"
    done = invoke("import", str(first), "-o", str(imported))
    assert done.returncode == 0, done.stderr
    assert invoke("validate", str(imported)).returncode == 0
    assert invoke("fmt", "--check", str(imported)).returncode == 0
    second = tmp_path / "second.yml"
    assert invoke("export", str(imported), "-f", "fides", "-o", str(second)).returncode == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_a_foreign_manifest_is_imported_with_nothing_dropped(tmp_path: Path) -> None:
    out = tmp_path / "demo.yaml"
    done = run_ropa("import", str(DEMO), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "imported 2 activities" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert run_ropa("validate", str(out)).returncode == 0
    data = load(text)
    organisation = data["organisation"]
    assert organisation["name"] == "Demo Veikals SIA"
    assert organisation["dpo"] == {
        "appointed": True,
        "name": "Jānis Bērziņš",
        "contact": {"email": "dpo@demo.lv"},
    }
    marketing, analytics = data["activities"]
    assert marketing["id"] == "demo_marketing_system"
    assert marketing["owner"] == "Marketing"
    assert marketing["purposes"] == [
        {"purpose": "Mārketinga e-pasti", "legal_basis": {"basis": "consent"}}
    ]
    assert marketing["personal_data"] == ["e-mail address", "name", "user.custom.loyalty_tier"]
    assert marketing["data_subjects"] == ["customers"]
    # "NO" stays text: the register is read as YAML 1.2 (Norway, not false).
    assert marketing["retention"] == {"criteria": "NO"}
    assert marketing["transfers"] == [{"country": "unknown", "mechanism": "scc"}]
    assert marketing["profiling"] == {"description": "unknown (fides: uses_profiling is true)"}
    assert "fides egress:" in marketing["notes"]
    assert "fides cookies of “Mārketinga e-pasti”:" in marketing["notes"]
    assert "fides system_type: Service" in marketing["notes"]
    assert analytics["special_categories"] == [
        {"category": "health", "condition": "explicit_consent"}
    ]
    assert analytics["data_subjects"] == ["customers", "space_tourist"]
    assert analytics["recipients"] == "none"
    assert analytics["transfers"] == "none"
    # What has no place is listed at the top of the file and on standard error.
    for where in (
        "system[1].egress",
        "system[1].data_categories: user.custom.loyalty_tier",
        "system[2].data_subjects: space_tourist",
        "dataset: 1 resource",
    ):
        assert f"#   - {where}" in text
        assert f"not placed: {where}" in done.stderr


def test_what_the_import_leaves_out_is_counted_in_each_languages_grammar(
    tmp_path: Path,
) -> None:
    """ "1 resource", "2 resources"; in Latvian "1 resurss", "2 resursi" (issue 11)."""
    manifest = DEMO.read_text(encoding="utf-8") + (
        "policy:\n  - fides_key: one\n  - fides_key: two\n"
    )
    source = tmp_path / "manifest.yml"
    source.write_text(manifest, encoding="utf-8")
    english = run_ropa("import", str(source), "-o", str(tmp_path / "en.yaml"))
    assert english.returncode == 0, english.stderr
    assert "not placed: dataset: 1 resource (no place in the register)" in english.stderr
    assert "not placed: policy: 2 resources (no place in the register)" in english.stderr
    latvian = run_ropa(
        "import",
        str(source),
        "-o",
        str(tmp_path / "lv.yaml"),
        env={"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    assert latvian.returncode == 0, latvian.stderr
    assert "dataset: 1 resurss (reģistrā tam nav vietas)" in latvian.stderr
    assert "policy: 2 resursi (reģistrā tam nav vietas)" in latvian.stderr
    assert "resources" not in latvian.stderr


def test_import_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    register = SEED_REGISTERS[0]
    done = run_ropa("import", str(register))
    assert done.returncode == 2
    assert "is not a fides manifest" in done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("system: [unclosed\n", encoding="utf-8")
    done = run_ropa("import", str(broken))
    assert done.returncode == 2
    assert "broken.yml:2:1:" in done.stderr
    other = tmp_path / "record.docx"
    other.write_bytes(b"PK")
    done = run_ropa("import", str(other))
    assert done.returncode == 2
    assert "unknown kind of file `.docx`" in done.stderr
    taken = tmp_path / "taken.yaml"
    taken.write_text("keep me\n", encoding="utf-8")
    done = run_ropa("import", str(DEMO), "-o", str(taken))
    assert done.returncode == 2
    assert "exists" in done.stderr
    assert taken.read_text(encoding="utf-8") == "keep me\n"
    for result in (done,):
        assert "Traceback" not in result.stderr


def test_text_that_yaml_1_1_would_misread_is_quoted_in_the_manifest(tmp_path: Path) -> None:
    register = tmp_path / "r.yaml"
    register.write_text(
        "ropa: 1\norganisation:\n  name: 'NO'\n  role: controller\n  country: NO\n"
        "activities:\n  - id: a\n    name: 'yes'\n    purposes: unknown\n",
        encoding="utf-8",
    )
    done = invoke("export", str(register), "-f", "fides")
    assert done.returncode == 0, done.stderr
    assert 'name: "NO"' in done.stdout
    assert 'name: "yes"' in done.stdout


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("E-pasta adrese", ["user.contact.email"]),
        ("e-pasts", ["user.contact.email"]),
        ("Tālruņa numurs", ["user.contact.phone_number"]),
        ("talruna numurs", ["user.contact.phone_number"]),
        ("personas kods", ["user.government_id.national_identification_number"]),
        ("Vārds, uzvārds", ["user.name"]),
        ("veselības stāvoklis", ["user.health_and_medical"]),
        ("ģenētiskie dati", ["user.health_and_medical.genetic"]),
        ("IP adrese", ["user.device.ip_address"]),
        ("Kontaktinformācija", ["user.contact"]),
        ("sīkdatņu identifikatori", ["user.device.cookie_id", "user.unique_id"]),
        ("bank account number", ["user.financial.bank_account"]),
        ("video recordings (CCTV)", ["user.content.self_image"]),
        ("favourite colour", []),
    ],
)
def test_categories_map_to_the_taxonomy(text: str, keys: list[str]) -> None:
    assert [term.key for term in fides.matching_terms(text, fides.DATA_CATEGORIES)] == keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Jaunumu izsūtīšana", "marketing.communications.email"),
        ("Personāla atlase", "employment.recruitment"),
        ("Grāmatvedības uzskaite", "finance"),
        ("Videonovērošana drošības nolūkos", "essential.service.security"),
        ("Delivering the order", "essential.service"),
    ],
)
def test_purposes_map_to_a_data_use(text: str, key: str) -> None:
    assert fides.matching_terms(text, fides.DATA_USES)[0].key == key


def test_every_taxonomy_key_is_well_formed_and_listed_once() -> None:
    for table in (fides.DATA_CATEGORIES, fides.DATA_USES, fides.DATA_SUBJECTS):
        keys = [term.key for term in table]
        assert len(keys) == len(set(keys))
        assert all(FIDES_KEY.match(key) for key in keys)
        assert all(term.stems and term.label for term in table)


def test_the_docs_print_the_mapping_table() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "fides.md").read_text(encoding="utf-8")
    assert docs.endswith(fides.mapping_markdown())


def test_import_speaks_latvian_in_a_latvian_locale(tmp_path: Path) -> None:
    done = run_ropa("import", str(DEMO), env={"LANGUAGE": "", "LC_ALL": "lv_LV.UTF-8"})
    assert done.returncode == 0
    assert "2 apstrādes darbības; " in done.stderr
    assert " nav ievietot" in done.stderr
    assert "nav ievietots: system[1].egress" in done.stderr
    done = run_ropa("import", str(tmp_path / "none.yml"), env={"LC_ALL": "lv_LV.UTF-8"})
    assert done.returncode == 2
