"""The five seed registers: valid, bilingual, and honest about what their policies omit."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.model import LocalizedText, Register
from ropa.validate import validate_paths
from tests.conftest import REGISTERS, SEED_REGISTERS

EXPECTED = {"e-shop.yaml", "kilowats.yaml", "micrec.yaml", "nm-power.yaml", "website.yaml"}


def load(path: Path) -> Register:
    result = validate_paths([str(path)])
    assert result.findings == [], [f"{f.file}:{f.position} {f.message}" for f in result.findings]
    (register,) = result.registers
    return register


def test_there_is_one_register_per_seed_policy() -> None:
    assert {path.name for path in SEED_REGISTERS} == EXPECTED


def test_all_seed_registers_are_valid_together() -> None:
    result = validate_paths([str(REGISTERS)])
    assert result.findings == []
    assert len(result.registers) == len(EXPECTED)


@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.name)
def test_names_and_purposes_are_in_latvian_and_english(path: Path) -> None:
    register = load(path)
    assert register.activities
    for activity in register.activities:
        assert isinstance(activity.name, LocalizedText), activity.id
        assert activity.name.lv, activity.id
        assert activity.name.en, activity.id
        for purpose in activity.purposes if isinstance(activity.purposes, list) else []:
            assert isinstance(purpose.purpose, LocalizedText), activity.id
            assert purpose.purpose.lv, activity.id
            assert purpose.purpose.en, activity.id


@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.name)
def test_every_article_30_item_is_stated_or_marked(path: Path) -> None:
    """The seeds never leave an Art. 30 item out silently: they state it or say `unknown`."""
    for activity in load(path).activities:
        for key in ("purposes", "data_subjects", "personal_data", "recipients", "transfers"):
            assert getattr(activity, key) is not None, (activity.id, key)
        assert activity.retention is not None, activity.id
        assert activity.security_measures is not None, activity.id


def test_unnamed_controllers_are_recorded_as_unknown() -> None:
    for name in ("e-shop.yaml", "website.yaml"):
        assert load(REGISTERS / name).organisation.name == "unknown"


def test_the_vague_transfer_of_kilowats_is_recorded_without_inventing_details() -> None:
    register = load(REGISTERS / "kilowats.yaml")
    transfers = [
        transfer
        for activity in register.activities
        if isinstance(activity.transfers, list)
        for transfer in activity.transfers
    ]
    assert transfers
    for transfer in transfers:
        assert (transfer.recipient, transfer.country, transfer.mechanism) == (
            "unknown",
            "unknown",
            "unknown",
        )
        assert transfer.notes is not None


def test_latvian_letters_survive_loading() -> None:
    register = load(REGISTERS / "micrec.yaml")
    assert register.organisation.name == 'SIA "Izdevniecība MicRec"'
