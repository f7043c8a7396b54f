"""Billing URLs: the organisation's monthly run under ``billing/`` (namespace ``billing``),
and a case's invoices (``client_urlpatterns``), composed by ``luotsi.conf.urls`` under
``clients/`` in the ``clients`` namespace. Every view is a client-data view
(luotsi.access.decorators); tests/test_authorization_matrix.py fails otherwise."""

from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("", views.home, name="home"),
    path("price-lists/", views.price_list_upload, name="price_list_upload"),
    path("month/", views.month, name="month"),
    path("month/approve/", views.approve, name="approve"),
    path("month/send/", views.send, name="send"),
    path("month/invoices.zip", views.month_zip, name="month_zip"),
]

_INVOICE = "<int:client_id>/cases/<int:case_id>/invoices/<int:invoice_id>/"

client_urlpatterns = [
    path(_INVOICE, views.invoice_detail, name="invoice_detail"),
    path(_INVOICE + "finvoice.xml", views.invoice_finvoice, name="invoice_finvoice"),
    path(_INVOICE + "specification.pdf", views.invoice_pdf, name="invoice_pdf"),
    path(_INVOICE + "credit/", views.invoice_credit, name="invoice_credit"),
    path(_INVOICE + "paid/", views.invoice_paid, name="invoice_paid"),
]
