"""`ropa` and `python -m ropa`.

`ropa --version` answers before the command-line framework loads: the pre-commit hook
and scripts call it often, and it should cost no more than starting Python.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ropa._version import __version__

        sys.stdout.write(f"ropa {__version__}\n")
        return
    from ropa.cli import run

    run()


if __name__ == "__main__":
    main()
