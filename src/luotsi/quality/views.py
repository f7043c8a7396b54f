"""The quality manager's page: everything due before and after Kela's audit visit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luotsi.staff.access import quality_view
from luotsi.staff.models import StaffFinding


@quality_view
def home(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    staff_findings = StaffFinding.objects.filter(organisation=organisation)
    return render(request, "quality/home.html", {"staff_findings": staff_findings})
