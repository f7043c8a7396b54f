"""Demo data for ``make demo``: realistic but never real people."""
