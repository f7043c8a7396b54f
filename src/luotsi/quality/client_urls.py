"""The quality views that carry client data, mounted by ``luotsi.conf.urls`` under
``clients/`` in the ``clients`` namespace (the authorization matrix walks them)."""

from django.urls import path

from . import evidence_views

urlpatterns = [
    path("evidence-pack/", evidence_views.evidence_pack, name="evidence_pack"),
]
