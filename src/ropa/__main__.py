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

    try:
        run()
    finally:
        # The process ends here: Python's last collection at exit would scan every
        # object the command made (a second at 10,000 activities) only to free them as
        # the process goes. Frozen objects are left out of it. (Only here, in the
        # process of its own: the CLI run inside another process must not freeze.)
        import gc

        gc.freeze()


if __name__ == "__main__":
    main()
