"""The inspection runner: navigator, current item, answer widgets, live score, tabs."""
