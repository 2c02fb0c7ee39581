"""The figures of docs/coverage.md: each seed policy against its register, both ways, and
how many planted omissions `ropa coverage` finds.

    python benchmarks/coverage_figures.py

Planted omissions, one at a time:

* register side: each purpose whose text no other purpose repeats is removed from the
  register; found when a policy passage becomes a purpose claim no activity backs;
* policy side: each passage that discloses a purpose, recipient, retention, data category
  or source is removed from the policy; found when an element it disclosed is then
  disclosed by no other passage.
"""

from __future__ import annotations

from pathlib import Path

from ropa.coverage.match import coverage
from ropa.coverage.policy import Passage, read_policy
from ropa.exporting import load_one_register
from ropa.model import Register
from ropa.model.types import text_of

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("nm-power", "kilowats", "e-shop", "micrec", "website")
TEXT_KINDS = ("purpose", "recipient", "retention", "data", "source")


def load(name: str) -> tuple[Register, list[Passage]]:
    register, _ = load_one_register(str(REPO / "registers" / f"{name}.yaml"), max_file_bytes=10**8)
    assert register is not None
    policy = REPO / "tests" / "fixtures" / "policies" / f"{name}.txt"
    return register, read_policy(str(policy), max_bytes=10**7)


def purposes_removed(register: Register, passages: list[Passage]) -> tuple[int, int]:
    base = {(claim.line, claim.kind) for claim in coverage(register, passages, "").unbacked}
    texts = [
        text_of(purpose.purpose)
        for activity in register.activities
        if isinstance(activity.purposes, list)
        for purpose in activity.purposes
    ]
    tried = found = 0
    for activity in register.activities:
        purposes = activity.purposes
        if not isinstance(purposes, list):
            continue
        for index, purpose in enumerate(purposes):
            if texts.count(text_of(purpose.purpose)) > 1:
                continue
            activity.purposes = purposes[:index] + purposes[index + 1 :]
            after = coverage(register, passages, "")
            activity.purposes = purposes
            tried += 1
            found += bool({(claim.line, claim.kind) for claim in after.unbacked} - base)
    return found, tried


def passages_removed(register: Register, passages: list[Passage]) -> tuple[int, int]:
    base = coverage(register, passages, "")
    lines = sorted(
        {
            result.match.line
            for result in base.elements
            if result.match and result.element.kind in TEXT_KINDS
        }
    )
    found = 0
    for line in lines:
        disclosed_there = {
            result.element.location
            for result in base.elements
            if result.match and result.match.line == line
        }
        after = coverage(register, [p for p in passages if p.line != line], "")
        lost = {result.element.location for result in after.undisclosed} & disclosed_there
        found += bool(lost)
    return found, len(lines)


def main() -> None:
    print("| policy | register elements disclosed | policy claims backed |")
    print("|---|---|---|")
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    for name in SEEDS:
        register, passages = load(name)
        result = coverage(register, passages, name)
        elements, claims = len(result.elements), len(result.claims)
        disclosed = elements - len(result.undisclosed)
        backed = claims - len(result.unbacked)
        print(f"| {name} | {disclosed} / {elements} | {backed} / {claims} |")
        removed_purposes = purposes_removed(register, passages)
        removed_passages = passages_removed(register, passages)
        for index, value in enumerate(
            (disclosed, elements, backed, claims, *removed_purposes, *removed_passages)
        ):
            totals[index] += value
    print(f"| all five | {totals[0]} / {totals[1]} | {totals[2]} / {totals[3]} |")
    print()
    print(f"purposes removed from a register, found: {totals[4]} / {totals[5]}")
    print(f"passages removed from a policy, found: {totals[6]} / {totals[7]}")


if __name__ == "__main__":
    main()
