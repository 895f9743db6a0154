"""Entry points: ``inspector`` / ``python -m inspector`` and ``inspector-gui``.

``inspector`` (a console script) runs the CLI; with no command (only ``--db``) it opens the
desktop app. ``inspector-gui`` (a GUI script: no console window on Windows) always opens the
desktop app. The GUI is imported only when needed, so HQ batch jobs never load Qt.
"""

from __future__ import annotations

import sys

GUI_USAGE = "usage: inspector-gui [--db URL_OR_PATH]  (commands are run with 'inspector')"


def main() -> None:
    from inspector import cli

    args = sys.argv[1:]
    if cli.wants_gui(args):
        from inspector.app import main as gui_main

        sys.exit(gui_main(db=cli.db_option(args)))
    sys.exit(cli.main(args))


def gui() -> None:
    """``inspector-gui [--db URL_OR_PATH]``: the desktop app, never the CLI."""
    from inspector import cli

    args = sys.argv[1:]
    if args in (["-h"], ["--help"]):
        print(GUI_USAGE)
        sys.exit(0)
    if not cli.wants_gui(args):
        # A GUI script has no console on Windows; it opens nothing rather than guess.
        if sys.stderr is not None:
            print(f"error: unexpected arguments {' '.join(args)}\n{GUI_USAGE}", file=sys.stderr)
        sys.exit(2)
    from inspector.app import main as gui_main

    sys.exit(gui_main(db=cli.db_option(args)))


if __name__ == "__main__":
    main()
