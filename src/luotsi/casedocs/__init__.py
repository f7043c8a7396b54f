"""Documents of a case in the web workspace: drafts, finalised PDF versions, sending.

The documents themselves are made by the Django-free ``luotsi.documents`` package; this app
stores them (``Document``), keeps finalised versions immutable, records the matching case
event when a document is finalised and the disclosure when it is sent.
"""
