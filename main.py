"""Run Branch Inspector from a source checkout: ``python main.py [--db PATH] [COMMAND ...]``."""

import multiprocessing

from inspector.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # as scripts/bundle_entry.py (a frozen main.py too)
    main()
