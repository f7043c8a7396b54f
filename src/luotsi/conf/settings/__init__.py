"""Settings: ``base`` holds everything; ``dev``, ``ci`` and ``production`` adjust it."""
