"""SD24 on children (issue 11): being a child raises the stakes of any Art. 9 data but does
not suggest there is some; a setting that looks after children day to day (a kindergarten,
a school, a camp, a sports school) does, read in the activity's words or the organisation's
name. Through the real CLI, on a made-up register."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import check_findings

_REGISTER = """\
ropa: 1
organisation:
  name: {name}
  registration_number: "40003999998"
  country: LV
  contact: {{email: info@piemers.lv}}
  role: controller
  employees: 12
  dpo: {{appointed: false, reason: Art. 37(1) does not apply, decided_on: 2025-03-01}}
  representative: none
  joint_controllers: none
activities:
  - id: pupils
    name: Audzēkņu reģistrs
    data_subjects:
      - {{category: audzēkņi, children: true}}
    personal_data: [vārds, uzvārds, vecāku tālrunis]
    special_categories: unknown
    criminal_data: none
    national_id: none
"""


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ('Biedrība "Mūzikas studija Do"', None),
        ('Pirmsskolas izglītības iestāde "Saulīte"', "warning"),
        ("Oakfield Primary School", "warning"),
    ],
)
def test_the_organisation_says_whether_it_looks_after_the_children(
    tmp_path: Path, name: str, severity: str | None
) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(_REGISTER.format(name=name), encoding="utf-8")
    own = [f for f in check_findings(path, "SD24") if f["severity"] == "warning"]
    assert [f["severity"] for f in own] == ([severity] if severity else [])
    if severity is None:
        # The question stays reported, as a line of the register's open questions.
        (note,) = check_findings(path, "AC22")
        assert "`special_categories`" in str(note["message"])
    else:
        assert str(own[0]["message"]).endswith("and it concerns children")
