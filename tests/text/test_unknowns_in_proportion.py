"""Issue 11, sections 2 and 5: `unknown` on a high-risk key is reported in proportion to
the risk the register shows. An activity that gives a reason (employees, CCTV, location
data, a WP248 criterion, tracking cookies) has a finding of its own naming it; every other
open question is one note for the register in its family (SD24 where the data is not
recorded in full, DP24 for the DPIA screening, TR06 for the transfers), and what a closed
list of ordinary data answers in substance is a line of AC22, the register's note of open
questions; each note points at each key (json, sarif), and text output prints it once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import invoke, run_ropa

TODAY = "2026-12-01"

HEAD = """\
ropa: 1
organisation:
  name: SIA Piemērs
  role: controller
  country: LV
  contact: {email: info@piemers.lv}
  dpo: {appointed: false, reason: Not required, decided_on: 2024-01-01, decided_by: Board}
security_measures:
  - {id: enc, name: Šifrēšana, kind: technical, description: TLS un diska šifrēšana}
activities:
"""

# Four ordinary shop activities that leave the high-risk keys open, one for staff and one
# for video surveillance to detect unlawful acts (each gives a reason), and one that meets
# one WP248 criterion.
ACTIVITY = """\
  - id: {id}
    name: {name}
    owner: Valde
    last_review: 2026-06-01
    purposes: [{{purpose: {purpose}, legal_basis: {{basis: contract}}}}]
    data_subjects: [{subjects}]
    personal_data: [{data}]
    special_categories: unknown
    criminal_data: unknown
    national_id: unknown
    sources: unknown
    recipients: none
    transfers: unknown
    retention: {{period: P1Y, from: līguma beigas}}
    security_measures: [enc]
    profiling: unknown
    automated_decisions: unknown
    dpia: unknown
"""
ACTIVITIES = [
    ("orders", "Pasūtījumi", "klienti", "vārds, piegādes adrese"),
    ("returns", "Preču atgriešana", "klienti", "vārds, pirkuma numurs"),
    ("enquiries", "Klientu jautājumi", "klienti", "vārds, e-pasts"),
    ("loyalty", "Lojalitātes karte", "klienti", "kartes numurs"),
    ("staff", "Personāla lietas", "darbinieki", "vārds, amats"),
    ("cctv", "Videonovērošana veikalā", "veikala apmeklētāji", "videoieraksti"),
    ("deliveries", "Kurjeru maršruti", "kurjeri", "transportlīdzekļa atrašanās vieta"),
]
# The purpose is the activity's name, but for the cameras: kept to detect unlawful acts.
PURPOSES = {"cctv": "prettiesisku nodarījumu atklāšana veikalā"}
REGISTER = HEAD + "".join(
    ACTIVITY.format(
        id=ident, name=name, purpose=PURPOSES.get(ident, name), subjects=subjects, data=data
    )
    for ident, name, subjects, data in ACTIVITIES
)


def _nothing_to_screen() -> str:
    """The register with `personal_data: unknown` everywhere: the DPIA screening has
    nothing to read (the cameras still meet C3 through their name)."""
    text = REGISTER.replace("    personal_data: [", "    personal_data: unknown\n    x: [")
    return "\n".join(line for line in text.splitlines() if not line.startswith("    x: ")) + "\n"


def _findings(tmp_path: Path, text: str = REGISTER, status: int = 0) -> list[dict[str, Any]]:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("check", str(path), "--today", TODAY, "-f", "json")
    # Warnings and notes only: the default --fail-on error passes.
    assert result.returncode == status, result.stdout + result.stderr
    return list(json.loads(result.stdout)["findings"])


def _codes(findings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [finding for finding in findings if finding["code"] == code]


def test_special_data_left_open_is_a_warning_where_the_activity_gives_a_reason(
    tmp_path: Path,
) -> None:
    sd24 = _codes(_findings(tmp_path), "SD24")
    own = {f["path"]: f for f in sd24 if f["severity"] == "warning"}
    assert set(own) == {
        "activities[4].special_categories",  # staff: employees
        "activities[5].criminal_data",  # cctv kept to detect unlawful acts: footage of offences
    }
    assert own["activities[4].special_categories"]["message"] == (
        "`staff` does not know whether it processes special-category data (Art. 9(1)), "
        "and it concerns employees"
    )
    assert (
        "and its cameras serve to detect unlawful acts"
        in (own["activities[5].criminal_data"]["message"])
    )


# The open questions AC22 lists in REGISTER, key by key: each activity lists a closed set
# of ordinary data, which answers the Art. 9, 10 and 87 questions in substance; staff's
# special categories and the cameras' criminal data are SD24's warnings instead. No words
# say where any data comes from. The cameras meet one criterion, monitoring (C3), and no
# words suggest profiling of their footage: their profiling keys are plain lines here, not
# part of DP24's screening note.
OPEN = {
    "special_categories": (0, 1, 2, 3, 5, 6),
    "criminal_data": (0, 1, 2, 3, 4, 6),
    "national_id": (0, 1, 2, 3, 4, 5, 6),
    "profiling": (5,),
    "automated_decisions": (5,),
    "sources": (0, 1, 2, 3, 4, 5, 6),
    # The shop's and staff's ordinary data meets no WP248 criterion: `dpia: unknown` is a
    # plain question (the cameras and the courier routes are DP24's).
    "dpia": (0, 1, 2, 3, 4),
}


def _listed(indexes: tuple[int, ...]) -> str:
    return ", ".join(f"`{ACTIVITIES[index][0]}`" for index in indexes)


def test_what_closed_data_answers_is_one_note_naming_each_key(tmp_path: Path) -> None:
    findings = _findings(tmp_path)
    (note,) = _codes(findings, "AC22")
    assert note["severity"] == "info"
    assert note["message"] == (
        "7 activities leave keys unknown where the rest of the record suggests a plain answer: "
        + "; ".join(f"`{key}` ({_listed(indexes)})" for key, indexes in OPEN.items())
    )
    places = {note["path"]} | {place["path"] for place in note["related"]}
    assert places == {
        f"activities[{index}].{key}" for key, indexes in OPEN.items() for index in indexes
    }
    # Nothing else says them again: no note of SD24 or AC21 beside it.
    assert [f for f in _codes(findings, "SD24") if f["severity"] != "warning"] == []
    assert _codes(findings, "AC21") == []


def _deliveries_screened() -> str:
    """REGISTER with the courier routes' DPIA screening settled (the last activity)."""
    head, tail = REGISTER.rsplit("    dpia: unknown\n", 1)
    return head + "    dpia: {required: false, status: not_required}\n" + tail


def test_profiling_words_are_named_once_and_transfers_stay_tr06s(tmp_path: Path) -> None:
    findings = _findings(tmp_path)
    # The courier routes are location data: DP24 reports their DPIA question (DVI list
    # item 09) and names their profiling with the same words; DP23 does not say it again.
    assert _codes(findings, "DP23") == []
    (dp24,) = _codes(findings, "DP24")
    assert (
        "`deliveries` meets DVI list LV.DPIA.09 (`personal_data[0]` mentions "
        "\u201catrašanās vieta\u201d), and does not know whether it involves profiling"
    ) in dp24["message"]
    # With that screening settled, the words make profiling a question of its own.
    (own,) = _codes(_findings(tmp_path, _deliveries_screened()), "DP23")
    assert own["path"] == "activities[6].profiling"
    assert "mentions \u201catrašanās vieta\u201d (location data)" in own["message"]
    # The transfers are an item of the record (Art. 30(1)(e)): TR06's own note, not AC22.
    (tr06,) = _codes(findings, "TR06")
    assert tr06["severity"] == "info"
    assert tr06["message"].startswith(
        "7 activities do not say whether data is transferred outside the EEA: `orders`"
    )
    assert len(tr06["related"]) == 6
    (note,) = _codes(findings, "AC22")
    assert "transfers" not in note["message"]
    assert "`profiling` (`cctv`)" in note["message"]


def test_an_open_dpia_is_reported_only_where_the_register_gives_it_weight(tmp_path: Path) -> None:
    (dp24,) = _codes(_findings(tmp_path), "DP24")
    # CCTV meets WP248 C3; the courier routes are location data (DVI list item 09). The
    # shop activities and staff meet no criterion: the screening answers for them, and
    # only their profiling keys are named.
    assert dp24["severity"] == "info"
    assert dp24["message"].startswith("7 activities leave their DPIA screening open: `cctv` ")
    assert "`cctv` meets WP248 C3" in dp24["message"]
    assert "`deliveries` meets DVI list LV.DPIA.09" in dp24["message"]
    places = {dp24["path"]} | {p["path"] for p in dp24["related"]}
    assert {p for p in places if p.endswith(".dpia")} == {
        "activities[5].dpia",
        "activities[6].dpia",
    }


def test_the_dpia_note_names_the_profiling_keys_left_open(tmp_path: Path) -> None:
    # Whether an activity profiles or decides automatically is WP248 C1 and C2: part of
    # the screening DP24 asks about, so its one note names them and points at them (and
    # at the words that make the courier routes location data). Not the cameras': their
    # screening read monitoring (C3), and what that leaves open is scale and whom they
    # film, not profiling no words suggest (AC22 lists those keys).
    findings = _findings(tmp_path)
    (dp24,) = _codes(findings, "DP24")
    places = {dp24["path"]} | {p["path"] for p in dp24["related"]}
    assert {p for p in places if not p.endswith(".dpia")} == {
        f"activities[{index}].{key}"
        for index in (0, 1, 2, 3, 4)
        for key in ("profiling", "automated_decisions")
    } | {
        "activities[6].profiling",
        "activities[6].automated_decisions",
        "activities[6].personal_data[0]",
    }
    assert "`none` or a description at `profiling`, `automated_decisions`" in dp24["hint"]
    assert _codes(findings, "DP23") == []


def test_data_not_recorded_keeps_the_special_questions_sd24s(tmp_path: Path) -> None:
    text = _nothing_to_screen()
    # AC03 (error) reports the data not recorded. CCTV still meets C3 through its name.
    findings = _findings(tmp_path, text, status=1)
    # With no data recorded nothing answers the Art. 9, 10 and 87 questions: SD24's note.
    (note,) = [f for f in _codes(findings, "SD24") if f["severity"] == "info"]
    assert note["message"] == (
        "7 activities do not know whether they process special-category data (Art. 9(1)), "
        "criminal-conviction data (Art. 10) or national identification numbers (Art. 87): "
        "`orders`, `returns`, `enquiries`, `loyalty`, `staff`, `cctv`, `deliveries`"
    )
    # The screening has a reason only at the cameras (C3): DP24's one note names it, and
    # the profiling keys of the rest (one screening, one note). A shop's activities that
    # record no data and whose words name nothing WP248 weighs leave a plain question:
    # their `dpia` lines are AC22's.
    (dp24,) = _codes(findings, "DP24")
    shops = "`orders`, `returns`, `enquiries`, `loyalty`, `staff`, `deliveries`"
    assert f"{shops} do not know whether they involve profiling" in dp24["message"]
    assert "record no data to screen" not in dp24["message"]
    assert "`cctv` meets WP248 C3" in dp24["message"]
    places = {dp24["path"]} | {p["path"] for p in dp24["related"]}
    assert {p for p in places if p.endswith(".dpia")} == {"activities[5].dpia"}
    assert _codes(findings, "DP23") == []
    (ac22,) = _codes(findings, "AC22")
    assert ac22["message"].endswith(
        ": `profiling` (`cctv`); `automated_decisions` (`cctv`); `sources` ("
        + _listed(tuple(range(7)))
        + "); `dpia` ("
        + _listed((0, 1, 2, 3, 4, 6))
        + ")"
    )


def test_text_output_prints_the_note_once_and_sarif_points_at_every_key(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    text = run_ropa("check", str(path), "--today", TODAY, "--show-all")
    assert text.returncode == 0, text.stderr
    assert text.stdout.count("leave keys unknown where") == 1
    assert "also at: " in text.stdout
    sarif = json.loads(run_ropa("check", str(path), "--today", TODAY, "-f", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    (note,) = [r for r in results if r["ruleId"] == "AC22"]
    assert len(note["relatedLocations"]) == sum(len(indexes) for indexes in OPEN.values()) - 1


def test_text_output_groups_a_rules_warnings_with_no_note_among_them(tmp_path: Path) -> None:
    more = "".join(
        ACTIVITY.format(id=ident, name=name, purpose=name, subjects="darbinieki", data="vārds")
        for ident, name in (("payroll", "Algas"), ("training", "Apmācības"))
    )
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER + more, encoding="utf-8")
    lines = run_ropa("check", str(path), "--today", TODAY).stdout.splitlines()
    sd24 = [line for line in lines if "  SD24  " in line]
    # The first of the four warnings (three activities of employees, and the CCTV one);
    # the other activities' closed lists of data leave their questions to AC22.
    assert len(sd24) == 1
    assert "warning" in sd24[0]
    assert "and it concerns employees" in sd24[0]
    assert any("SD24 \u00d74 in 4 activities" in line for line in lines)
    assert sum("  AC22  " in line for line in lines) == 1


def _latvian(tmp_path: Path, text: str, code: str) -> dict[str, dict[str, Any]]:
    """The findings of `code` in Latvian, by the path they point at."""
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("check", str(path), "--today", TODAY, "-f", "json", "--lang", "lv")
    return {f["path"]: f for f in _codes(json.loads(result.stdout)["findings"], code)}


def test_both_paths_read_in_latvian(tmp_path: Path) -> None:
    # The reason given: a warning of its own, in Latvian.
    sd24 = _latvian(tmp_path, REGISTER, "SD24")
    assert sd24["activities[4].special_categories"]["message"] == (
        "par `staff` nav zināms, vai tā apstrādā īpašu kategoriju personas datus (VDAR 9. "
        "panta 1. punkts), un tā attiecas uz: darbinieki"
    )
    # No reason, and a closed list of data: a line of the register's note, in Latvian.
    note = _latvian(tmp_path, REGISTER, "AC22")["activities[0].special_categories"]
    assert note["message"].startswith(
        "7 apstrādes darbībās paliek nezināmi lauki, lai gan pārējais ieraksts liecina par "
        "vienkāršu atbildi: `special_categories` (`orders`, "
    )
    assert note["hint"] == (
        "pārbaudiet un ierakstiet atbildi: `none` īpašu kategoriju datiem, personas datiem par "
        "sodāmību vai personas kodiem, ko darbība neapstrādā, un profilēšanai vai "
        "automatizētiem lēmumiem, ko tā neietver; avotu ar `kind: data_subject`, ja dati "
        "iegūti no pašas personas; `required: false` pie `dpia` ar izvērtējuma rezultātu, ja "
        "reģistrētie dati neatbilst nevienam WP248 kritērijam"
    )
    # One activity: its own words.
    one = REGISTER.split("  - id: returns")[0]
    (single,) = _latvian(tmp_path, one, "AC22").values()
    assert single["message"] == (
        "`orders` atstāj nezināmus laukus (`special_categories`, `criminal_data`, "
        "`national_id`, `profiling`, `automated_decisions`, `sources`, `dpia`), lai gan "
        "pārējais "
        "ieraksts liecina par vienkāršu atbildi"
    )
    # No data recorded: SD24's note, and DP24's one note of the screening, in Latvian.
    sd24 = _latvian(tmp_path, _nothing_to_screen(), "SD24")
    assert sd24["activities[0].special_categories"]["message"].startswith(
        "7 apstrādes darbībās nav zināms, vai tajās apstrādā īpašu kategoriju personas datus"
    )
    dp24 = _latvian(tmp_path, _nothing_to_screen(), "DP24")
    (screening,) = dp24.values()
    assert screening["message"].startswith(
        "7 apstrādes darbībās nav pabeigts izvērtējums, vai nepieciešams NIDA: darbība "
        "`cctv` atbilst: WP248 kritērijs C3 (secināts no “Videonovērošana” laukā `name`); "
        "darbībās `orders`, `returns`, `enquiries`, `loyalty`, `staff`, `deliveries` nav "
        "zināms, vai tās ietver profilēšanu (VDAR 4. panta 4. punkts) vai tikai "
        "automatizētus lēmumus (VDAR 22. pants)"
    )
    assert screening["hint"].endswith(
        "; norādiet `none` vai aprakstu: `profiling`, `automated_decisions`"
    )


def test_the_words_a_note_quotes_are_placed_in_their_field_in_latvian(tmp_path: Path) -> None:
    dp23 = _latvian(tmp_path, _deliveries_screened(), "DP23")
    assert dp23["activities[6].profiling"]["message"] == (
        "par `deliveries` nav zināms, vai tā ietver profilēšanu (VDAR 4. panta 4. punkts), "
        "un laukā `personal_data[0]` minēts \u201catrašanās vieta\u201d (atrašanās vietas dati)"
    )
