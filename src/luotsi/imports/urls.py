"""Import URLs, mounted by ``luotsi.conf.urls`` under ``clients/`` in the ``clients``
namespace (they show and write client data)."""

from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/template/", views.import_template, name="import_template"),
]
