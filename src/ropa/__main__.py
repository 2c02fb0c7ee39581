"""`ropa` and `python -m ropa`.

`ropa --version` answers before the command-line framework loads: the pre-commit hook
and scripts call it often, and it should cost no more than starting Python.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ropa._version import __version__

        sys.stdout.write(f"ropa {__version__}\n")
        return
    # pydantic looks for plugins in every installed package's metadata when it builds its
    # first model (~10 ms); ropa uses none. An explicit setting by the user still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from ropa.cli import run

    run()


if __name__ == "__main__":
    main()
