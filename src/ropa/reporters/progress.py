"""A progress bar for long exports: on a terminal only, and only when there is much to do."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import TextIO

from ropa.reporters.text import wants_color

# Below this many rows an export takes well under a second: no bar, no flicker.
PROGRESS_THRESHOLD = 2_000


def wants_progress(stream: TextIO, total: int) -> bool:
    if os.environ.get("ROPA_PROGRESS") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    return total >= PROGRESS_THRESHOLD and bool(isatty and isatty())


@contextlib.contextmanager
def progress_bar(
    stream: TextIO, total: int, description: str
) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback taking the number of rows done, or None when no bar is shown."""
    if not wants_progress(stream, total):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(file=stream, no_color=not wants_color(stream))
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        step = max(1, total // 200)

        def advance(done: int) -> None:
            if done % step == 0 or done == total:
                progress.update(task, completed=done)

        yield advance
