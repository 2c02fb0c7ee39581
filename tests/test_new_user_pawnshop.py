"""A data-protection officer new to ropa writes the register of a Latvian pawnshop
(lombards) from the README and docs/ alone, and uses every command on it: what went wrong
for them, each through the real command line (a real process or typer's runner)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_ropa

ORGANISATION = """\
ropa: 1
organisation:
  name: SIA "Lombards Piemērs"
  registration_number: "40003000000"
  country: LV
  contact: {email: info@lombards.lv}
  role: controller
  dpo: {appointed: false, reason: Nav plaša mēroga uzraudzības}
security_measures:
  - id: tom
    name: {lv: Tehniskie un organizatoriskie pasākumi, en: Technical and organisational measures}
    kind: organisational
"""

ACTIVITY = """\
ropa: 1
activities:
  - id: {id}
    name: {name}
    purposes:
      - purpose: {name}
        legal_basis: {{basis: contract}}
    data_subjects: [ķīlas devēji]
    personal_data: [vārds, uzvārds, ķīlas apraksts]
    recipients: none
    transfers: none
    retention: {{period: P5Y, from: līguma beigas}}
    security_measures: [tom]
    owner: Valde
    last_review: 2026-01-10
"""


def split_register(root: Path) -> Path:
    """A register split over three files: the organisation and its boilerplate measure in
    register.yaml, one activity beside it and one in a department's folder."""
    register = root / "reg"
    (register / "aml").mkdir(parents=True)
    (register / "register.yaml").write_text(ORGANISATION, encoding="utf-8")
    (register / "aizdevumi.yaml").write_text(
        ACTIVITY.format(id="aizdevumi", name="Aizdevumi pret ķīlu"), encoding="utf-8"
    )
    (register / "aml" / "izpete.yaml").write_text(
        ACTIVITY.format(id="izpete", name="Klienta izpēte"), encoding="utf-8"
    )
    return register


def test_related_places_in_other_files_are_named_with_their_file(tmp_path: Path) -> None:
    """SE02 on the shared measure in register.yaml names the activities that rely on it,
    which are in the two other files: each "also at" place says which file it is in, not
    only a line that the reader would look for in register.yaml."""
    split_register(tmp_path)
    result = run_ropa("check", "reg", "--select", "SE02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "reg/register.yaml", result.stdout
    also = [line.strip() for line in lines if line.strip().startswith("also at:")]
    assert also == ["also at: reg/aizdevumi.yaml:13:5, reg/aml/izpete.yaml:13:5"], result.stdout


def test_related_places_in_the_same_file_stay_short(tmp_path: Path) -> None:
    """In one file the places are lines of the file under whose heading they stand."""
    (tmp_path / "one.yaml").write_text(
        ORGANISATION
        + ACTIVITY.format(id="a", name="A").replace("ropa: 1\n", "")
        + ACTIVITY.format(id="b", name="B").replace("ropa: 1\nactivities:\n", ""),
        encoding="utf-8",
    )
    result = run_ropa("check", "one.yaml", "--select", "SE02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "also at: 24:5, 37:5" in result.stdout, result.stdout
