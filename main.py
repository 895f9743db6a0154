"""Run Branch Inspector from a source checkout: ``python main.py [--db PATH] [COMMAND ...]``."""

from inspector.__main__ import main

if __name__ == "__main__":
    main()
