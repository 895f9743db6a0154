"""HQ views over every branch, one module per view; import a name from the module defining it.

- :mod:`.rows`: the filter (:class:`~.rows.HqFilter`) and the plain frozen result rows,
  with their ``--json`` dictionaries;
- :mod:`.scope`: what a filter selects and the look-ups every view shares (regions,
  checklists, titles, grade labels, red-line items, each branch's newest inspections);
- :mod:`.league` (league table, region summary, counts), :mod:`.items` (heatmap, failing
  items, red-line failures), :mod:`.trend`, :mod:`.rectification` (rectification figures,
  the findings list), :mod:`.integrity` (visit facts that do not hold together),
  :mod:`.score_check` (stored scores against a re-score, and their repair),
  :mod:`.answer_sheets`: the SQL aggregates behind each view;
- :mod:`.rights` (scores by consumer right and evaluation element), :mod:`.mystery`
  (mystery-shopper visits by scenario and section) and :mod:`.rights_mystery` (both in the
  dashboard and the files);
- :mod:`.load`: everything a view shows at once (:class:`~.rows.HqData`) for one filter;
- :mod:`.tables`: labels and the tables the PDF report, Excel and CSV share;
  :mod:`.files`: the Excel and CSV writers.

Closing findings is the finding lifecycle's job (:mod:`inspector.services.findings.closing`).
"""
