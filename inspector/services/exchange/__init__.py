"""Exchange between devices and HQ: signed ``.inspection`` packages, export and import.

The public names the GUI and the CLI use are re-exported here; see
docs/package-format.md for the format itself.
"""

from inspector.services.exchange.export import (
    export_inspection,
    package_file_name,
    write_all,
    write_package,
)
from inspector.services.exchange.importer import (
    Receipt,
    import_file,
    import_paths,
    owner_of,
    provenance,
)
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    FORMAT_VERSION,
    REASON_ERROR,
    SUFFIX,
    Limits,
    PackageError,
    read_package,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_VERSION",
    "REASON_ERROR",
    "SUFFIX",
    "Limits",
    "PackageError",
    "Receipt",
    "export_inspection",
    "import_file",
    "import_paths",
    "owner_of",
    "package_file_name",
    "provenance",
    "read_package",
    "write_all",
    "write_package",
]
