"""`ropa` and `python -m ropa`.

`ropa --version` answers before the command-line framework loads: the pre-commit hook
and scripts call it often, and it should cost no more than starting Python.
"""

from __future__ import annotations

import os
import sys
import types


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ropa._version import __version__

        sys.stdout.write(f"ropa {__version__}\n")
        return
    # pydantic looks for plugins in every installed package's metadata when it builds its
    # first model (~10 ms); ropa uses none. An explicit setting by the user still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _without_plugin_discovery()
    import gc

    # Start-up makes tens of thousands of objects that live as long as the process
    # (modules, classes, functions) and next to no garbage: the cyclic collector would
    # scan them some 80 times, 5-10 ms of a small check. It is paused until a command
    # runs. A plain check runs paused throughout, as its loading, rules and report are
    # anyway (`ropa.validate.collector_paused`); typer's commands get it back before
    # they run. (Only here, in the process of its own, as the freeze below.)
    gc.disable()
    try:
        # A plain `ropa check` or `ropa validate` (the pre-commit hooks') is read without
        # typer: some 30 ms of a small check's 200. Anything else, and every error of
        # reading, is typer's.
        from ropa import cli_quick

        cli_quick.run(sys.argv[1:])
        from ropa.cli import run

        # What start-up made goes where long-lived objects are (freeze, then unfreeze),
        # so the first collection does not scan it as young.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
        run()
    except SystemExit as end:
        _end_at_once(end.code)
        raise
    finally:
        # The process ends here: Python's last collection at exit would scan every
        # object the command made (a second at 10,000 activities) only to free them as
        # the process goes. Frozen objects are left out of it.
        gc.freeze()


def _end_at_once(code: object) -> None:
    """End the process with the command's status, its output written, without the
    interpreter's teardown: freeing every object the command made one by one, only for
    the process to go (about 0.1 s after a check of 10,000 activities). Only here, where
    the process is the command's own; every file the command wrote is closed by then
    (`write_atomic`), and ropa registers nothing to run at exit. A status that is not a
    number (a message), output that cannot be flushed (a closed pipe), or a coverage run
    (which writes its data at exit) takes the ordinary way out."""
    status = 0 if code is None else code
    if not isinstance(status, int) or "coverage" in sys.modules:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(status)


# The values of PYDANTIC_DISABLE_PLUGINS with which pydantic's loader loads no plugin.
_ALL_DISABLED = ("__all__", "1", "true")
_LOADER = "pydantic.plugin._loader"


def _without_plugin_discovery() -> None:
    """With every plugin disabled, pydantic's plugin loader still imports
    `importlib.metadata` (and with it email, zipfile, csv: 20-35 ms of a 300 ms check)
    before it answers that there are none. Its answer is known: stand in for the loader
    with it. Any other setting leaves pydantic's own loader."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_DISABLED or _LOADER in sys.modules:
        return
    loader = types.ModuleType(_LOADER, "No pydantic plugins: every one is disabled.")
    setattr(loader, "get_plugins", _no_plugins)  # noqa: B010 - a module made here
    sys.modules[_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


if __name__ == "__main__":
    main()
