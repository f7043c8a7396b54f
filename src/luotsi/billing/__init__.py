"""Billing Kela: price lists, invoices from the recorded case, Finvoice 3.0 and the PDF.

``prices``, ``invoice``, ``reference`` and ``finvoice`` are Django-free (the ``luotsi
invoice`` command uses them without a database); the rest is the Django app.
"""
