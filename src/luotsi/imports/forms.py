from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .columns import KIND_LABELS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=list(KIND_LABELS.items()))
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("XLSX or CSV, the first row the column headers (see the templates)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
