"""Use cases shared by the CLI and the GUI: inspections, branches, photos, exchange, HQ."""
