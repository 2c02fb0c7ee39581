"""Suppressions are audited: the engine reports the ones that silence nothing.

These rules have no check of their own; `ropa.engine` produces their findings when it
applies the `suppress:` entries of a register.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.model.register import Register
from ropa.rules import Context, Violation, rule


@rule("SU01", "suppression.unused", severity=Severity.WARNING, article="—")
def unused(register: Register, context: Context) -> Iterator[Violation]:
    """A suppression that silences nothing.

    Why: a suppression is a recorded decision that a finding does not apply. When the
    finding is gone (the entry was fixed, or the code never applied), the suppression is
    stale and hides the next real finding.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Head of sales
        suppress:
          - codes: [GV01]  # ← SU01
            reason: The owner is being appointed.
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        suppress:
          - codes: [GV01]
            reason: The owner is being appointed (board decision due in June).
    ```
    """
    return iter(())


@rule("SU02", "suppression.unknown-code", severity=Severity.ERROR, article="—")
def unknown_code(register: Register, context: Context) -> Iterator[Violation]:
    """A suppression naming a code that is not a rule.

    Why: a misspelt code silences nothing, while it looks as if it does.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        suppress:
          - codes: [GV99]  # ← SU02
            reason: Typo.
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        suppress:
          - codes: [GV01]
            reason: The owner is being appointed.
    ```
    """
    return iter(())
