"""Entry of the bundled executables (PyInstaller): one script, two programs.

``inspector`` is built as a console program (the CLI; with no command it opens the app) and
``inspector-gui`` as a windowed one (no console window on Windows): the same code as the
wheel's two entry points, chosen by the executable's own name.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

from inspector.__main__ import gui, main

if __name__ == "__main__":
    # 'hq export' writes its findings sheet in a second process (spawn): in the bundle
    # that process is this executable again, started with multiprocessing's arguments;
    # here it does that work and exits instead of opening the CLI or the app.
    multiprocessing.freeze_support()
    if Path(sys.executable).stem.lower() == "inspector-gui":
        gui()
    else:
        main()
