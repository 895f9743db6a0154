"""The HQ dashboard tab: league table, heatmap, failing items, trend, rectification."""

from inspector.ui.hq.dashboard import HqDashboard

__all__ = ["HqDashboard"]
