"""Branch Inspector: consumer-protection inspections of bank branches.

The package is layered: ``domain`` (plain data and scoring) at the bottom, then
``checklists`` (loading checklist files), ``db`` and ``reports``, then ``services``
(use cases), and at the top the two front ends, ``cli`` and ``ui``. Only ``ui`` and
``app`` import Qt; import-linter holds that line in the test command.
"""

__version__ = "0.1.0"
