"""The finding lifecycle, one home: a finding's states, opening, editing and closing.

- :mod:`.record`: the states HQ filters by, a finding's audited record (``finding_dict``)
  and the order reports list findings in (``active_findings``);
- :mod:`.sync`: opening findings and keeping them in step with the score (called by
  ``inspections.rescoring.rescore``), default severity and deadline, 屡查屡犯 repeats;
- :mod:`.edit`: editing a finding of a draft (action, owner, deadline, severity);
- :mod:`.closing`: closing by a finalized re-check that passes the item, or by hand with
  a note, and the reference-taking entry points HQ and the CLI call.

It sits above an inspection's look-up, snapshot and score (``inspections.lookup``,
``.snapshots``, ``.scoring``) and below the use cases that change answers and sign off, and
below ``services/hq`` (an import contract in ``pyproject.toml`` keeps it so).
"""
