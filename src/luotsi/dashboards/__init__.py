"""The coach's start page: what is due, late, broken or to be reported."""
