"""The typed model: text, markers, identifiers, countries, dates, durations, legal bases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from ropa.model import (
    Activity,
    ConsentBasis,
    ContractBasis,
    Duration,
    LocalizedText,
    Organisation,
    Purpose,
    Recipient,
    RegisterFile,
    Retention,
    is_stated,
    text_of,
)
from ropa.model.types import TAG_PREFIX, strip_tags
from ropa.model.vocabulary import Role


def error_types(model: Any, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(strip_tags(error["loc"]), error["type"]) for error in caught.value.errors()]


def test_text_is_plain_or_localized() -> None:
    assert Activity.model_validate({"id": "a", "name": "Pasūtījumi"}).name == "Pasūtījumi"
    name = Activity.model_validate({"id": "a", "name": {"lv": "Pasūtījumi", "en": "Orders"}}).name
    assert isinstance(name, LocalizedText)
    assert (name.pick("lv"), name.pick("en")) == ("Pasūtījumi", "Orders")


def test_localized_text_falls_back_to_the_other_language() -> None:
    only_latvian = LocalizedText(lv="Rēķini")
    assert only_latvian.pick("en") == "Rēķini"
    assert text_of(only_latvian, "en") == "Rēķini"


def test_localized_text_needs_one_language() -> None:
    assert error_types(Activity, {"id": "a", "name": {}}) == [(("name",), "localized_empty")]


def test_blank_text_is_rejected() -> None:
    assert error_types(Activity, {"id": "a", "name": "   "}) == [
        (("name",), "string_pattern_mismatch")
    ]


def test_text_rejects_numbers_with_one_error() -> None:
    assert error_types(Activity, {"id": "a", "name": 12}) == [(("name",), "text_type")]


def test_unknown_keys_are_errors() -> None:
    assert error_types(Activity, {"id": "a", "name": "A", "purpose": []}) == [
        (("purpose",), "extra_forbidden")
    ]


@pytest.mark.parametrize("identifier", ["orders", "HR-001", "hr.payroll", "a_b", "9"])
def test_valid_ids(identifier: str) -> None:
    assert Activity.model_validate({"id": identifier, "name": "x"}).id == identifier


@pytest.mark.parametrize("identifier", ["", "-lead", "with space", "ā", "x" * 101])
def test_invalid_ids(identifier: str) -> None:
    assert error_types(Activity, {"id": identifier, "name": "x"})[0][0] == ("id",)


def test_markers_are_distinct_from_absence() -> None:
    activity = Activity.model_validate(
        {"id": "a", "name": "A", "transfers": "none", "retention": "unknown"}
    )
    assert activity.transfers == "none"
    assert activity.retention == "unknown"
    assert activity.recipients is None
    assert not is_stated(activity.retention)
    assert is_stated(activity.transfers)
    assert not is_stated(activity.recipients)


def test_a_misspelt_marker_is_an_error() -> None:
    assert error_types(Activity, {"id": "a", "name": "A", "transfers": "nnone"}) == [
        (("transfers",), "literal_error")
    ]


def test_markers_are_allowed_only_where_they_make_sense() -> None:
    # Retention can be unknown, but "none" (kept for no time) is not a retention.
    assert error_types(Activity, {"id": "a", "name": "A", "retention": "none"}) == [
        (("retention",), "literal_error")
    ]


@pytest.mark.parametrize("code", ["LV", "NO", "GB", "US", "GR", "AX"])
def test_country_codes(code: str) -> None:
    assert (
        Recipient.model_validate({"id": "r", "kind": "processor", "country": code}).country == code
    )


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("lv", "capitals: LV"), ("UK", "write GB"), ("EL", "write GR"), ("XX", "not an ISO")],
)
def test_country_code_errors_say_how_to_fix(code: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Recipient.model_validate({"id": "r", "kind": "processor", "country": code})


def test_booleans_are_strict() -> None:
    assert error_types(Recipient, {"id": "r", "kind": "processor", "dpf_certified": "yes"}) == [
        (("dpf_certified",), "bool_type")
    ]


def test_dates_parse_only_iso_days() -> None:
    activity = Activity.model_validate({"id": "a", "name": "A", "last_review": "2024-02-29"})
    assert activity.last_review == dt.date(2024, 2, 29)
    for bad in ("2023-02-29", "2024-5-1", 20240501, "2024-05-01T00:00:00"):
        errors = error_types(Activity, {"id": "a", "name": "A", "last_review": bad})
        assert errors[0][0] == ("last_review",), bad


def test_durations() -> None:
    retention = Retention.model_validate({"period": "P1Y6M", "from": "end of contract"})
    assert isinstance(retention.period, Duration)
    assert (retention.period.years, retention.period.months) == (1, 6)
    assert retention.from_ == "end of contract"
    for bad in ("P", "5Y", "PT5H", "P5Y2Y", "P-1Y", "Permanent", "forever"):
        with pytest.raises(ValidationError):
            Retention.model_validate({"period": bad})
    for word in ("permanent", "indefinite"):
        assert Retention.model_validate({"period": word}).period == word


@pytest.mark.parametrize(
    ("shorter", "longer", "certain"),
    [
        ("P4Y", "P5Y", True),
        ("P59M", "P5Y", True),
        ("P60M", "P5Y", False),
        ("P5Y", "P5Y", False),
        ("P1825D", "P5Y", False),  # 1,825 days may be just short of five years, or not
        ("P1000D", "P5Y", True),
        ("P6Y", "P5Y", False),
    ],
)
def test_duration_comparison_is_conservative(shorter: str, longer: str, certain: bool) -> None:
    assert Duration(shorter).certainly_shorter_than(Duration(longer)) is certain


def test_legal_basis_is_chosen_by_its_basis_key() -> None:
    purpose = Purpose.model_validate(
        {"purpose": "News", "legal_basis": {"basis": "consent", "withdrawal": "link"}}
    )
    assert isinstance(purpose.legal_basis, ConsentBasis)
    assert purpose.bases() == [(("legal_basis",), purpose.legal_basis)]


def test_a_purpose_may_have_several_bases() -> None:
    purpose = Purpose.model_validate(
        {
            "purpose": "Invoicing",
            "legal_basis": [{"basis": "contract"}, {"basis": "legal_obligation", "law": "GL"}],
        }
    )
    paths = [path for path, _basis in purpose.bases()]
    assert paths == [("legal_basis", 0), ("legal_basis", 1)]
    assert isinstance(purpose.bases()[0][1], ContractBasis)


def test_keys_of_one_basis_are_not_allowed_on_another() -> None:
    errors = error_types(
        Purpose, {"purpose": "P", "legal_basis": {"basis": "consent", "assessment": "LIA-1"}}
    )
    assert errors == [(("legal_basis", "consent", "assessment"), "extra_forbidden")]


def test_unknown_legal_basis_and_no_basis() -> None:
    assert Purpose.model_validate({"purpose": "P", "legal_basis": "unknown"}).bases() == []
    assert Purpose.model_validate({"purpose": "P"}).bases() == []


def test_dpo_needs_appointed_to_say_which_kind() -> None:
    base = {"role": "controller"}
    appointed = Organisation.model_validate({**base, "dpo": {"appointed": True, "name": "A"}})
    assert appointed.dpo is not None
    assert not isinstance(appointed.dpo, str)
    declined = Organisation.model_validate(
        {**base, "dpo": {"appointed": False, "reason": "Art. 37(1) does not apply"}}
    )
    assert declined.dpo is not None
    assert not isinstance(declined.dpo, str)
    assert type(appointed.dpo) is not type(declined.dpo)
    assert error_types(Organisation, {**base, "dpo": {"name": "A"}}) == [(("dpo",), "dpo_shape")]


def test_roles() -> None:
    controller = Organisation.model_validate({"role": "controller"})
    both = Organisation.model_validate({"role": "controller_and_processor"})
    assert controller.is_controller
    assert not controller.is_processor
    assert both.is_controller
    assert both.is_processor
    assert both.role is Role.CONTROLLER_AND_PROCESSOR


def test_register_file_requires_the_format_version() -> None:
    assert error_types(RegisterFile, {}) == [(("ropa",), "missing")]
    assert RegisterFile.model_validate({"ropa": 1}).activities is None


def test_union_tags_are_recognisable() -> None:
    assert strip_tags(("a", f"{TAG_PREFIX}list", 0, "b")) == ("a", 0, "b")


def test_entities_know_where_they_were_written() -> None:
    activity = Activity.model_validate({"id": "a", "name": "A"})
    assert activity.origin.file == "<memory>"
    from ropa.position import Location

    activity.place(Location("r.yaml", ("activities", 3)))
    assert activity.at("purposes", 0) == Location("r.yaml", ("activities", 3, "purposes", 0))
