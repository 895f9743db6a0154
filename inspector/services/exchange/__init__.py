"""Exchange between devices and HQ: signed ``.inspection`` packages, export and import.

- :mod:`.package_format`: the format (signature, sealing, limits), reading and checking a
  package; :mod:`.manifest_schema`: the manifest's fields and their bounds;
- :mod:`.export`: writing an inspection's package;
- :mod:`.importer`: verifying and merging packages at HQ (receipts, provenance);
  :mod:`.content_check`: what it checks of a package's content (items, values, images).

Import a name from the module that defines it; see docs/package-format.md for the format.
"""
