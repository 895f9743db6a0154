"""Plain data and pure functions: the checklist format, answers and scoring.

Nothing here imports Qt, SQLAlchemy or touches files, so it can be tested and reused
anywhere (CLI, GUI, HQ jobs, benchmarks).
"""
