"""Entry point: ``inspector`` / ``python -m inspector``.

With a command it runs the CLI; with none (only ``--db``), the desktop app. The GUI is
imported only when needed, so HQ batch jobs never load Qt.
"""

from __future__ import annotations

import sys


def main() -> None:
    from inspector import cli

    args = sys.argv[1:]
    if cli.wants_gui(args):
        from inspector.app import main as gui_main

        sys.exit(gui_main(db=cli.db_option(args)))
    sys.exit(cli.main(args))


if __name__ == "__main__":
    main()
