"""Inspections, one module per use case; import a name from the module that defines it.

Every function takes an explicit ``Session`` and leaves committing to the caller's unit of
work (:meth:`inspector.db.Database.session`), so a change and its audit entry, findings
and refreshed score are committed together or not at all.

- :mod:`.snapshots`: the checklist snapshot an inspection is scored with (parsed once);
- :mod:`.lookup`: an inspection by reference, its revisions, ``require_draft``;
- :mod:`.listing`: the list filter, the summary rows and their ``list --json`` form;
- :mod:`.lifecycle`: create (and fill from an answers file), amend, duplicate, delete;
- :mod:`.answering`: set an answer, confirm an answer copied from the previous visit;
- :mod:`.scoring`: the stored answers and the score they give (no writing);
- :mod:`.rescoring`: store the score, the section scores, and keep findings in step;
- :mod:`.visits`: visit facts (times, scenario, wave), narrative, manager's name;
- :mod:`.signoff`: what is missing for a sign-off (the finalize checks) and ``finalize``;
- :mod:`.records`: the score and ``show --json`` records (public contracts).

The finding lifecycle (opening, repeats, editing, closing) is :mod:`inspector.services.findings`.
"""
