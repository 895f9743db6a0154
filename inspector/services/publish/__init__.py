"""HQ → laptops: checklist diffs and their impact, HQ packs (build, install), plans.

docs/package-format.md ("The HQ pack") describes the file; issue 22 the feature.
"""
