"""Exchange between devices and HQ: signed ``.inspection`` packages, export and import.

- :mod:`.package_format`: the format (manifest, signature, sealing, limits), reading and
  checking a package;
- :mod:`.export`: writing an inspection's package;
- :mod:`.importer`: verifying and merging packages at HQ (receipts, provenance).

Import a name from the module that defines it; see docs/package-format.md for the format.
"""
