"""The rectification loop (整改闭环): HQ's notices, the branch's responses, HQ's review.

* :mod:`.notice`: HQ issues a signed ``.notice`` and its PDF; a branch opens it
  (:mod:`.hqkey` pins HQ's key);
* :mod:`.response`: the branch answers each finding with photos and exports a signed
  ``.response``; :mod:`.response_import`: HQ imports it (through ``inspector import``) and
  the answered findings become ``submitted``;
* :mod:`.review`: HQ accepts (closes) or returns each answer; the queue of answers to
  review;
* :mod:`.listing`: the notices with their findings and states, as ``rectify list`` and
  the Rectification screen show them.

File formats: :mod:`.formats` and docs/package-format.md.
"""
