"""What other apps add to a document as it is finalised.

casedocs sits below quality in the layers (docs/architecture.md), yet the final feedback
report carries quality's survey invitation. So casedocs asks, and quality answers:
``final_report_context`` is sent inside ``service.finalise``'s transaction, before the
PDF is made, with ``document`` and ``on``; each receiver returns a dict of context
entries to add (``luotsi.quality.apps`` connects the survey's invitation). A receiver's
error undoes the finalising, as any error inside it would.
"""

from django.dispatch import Signal

final_report_context = Signal()
