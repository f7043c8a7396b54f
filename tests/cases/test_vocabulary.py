"""The entry forms offer exactly the case file's vocabularies (the schema's Literal types),
each value with a label in Finnish and Swedish."""

from __future__ import annotations

import typing

import pytest
from django.utils import translation

from luotsi.cases import vocabulary as v
from luotsi.cases.entry_forms import AbsenceForm, MeetingForm, PauseForm
from luotsi.cases.event_forms import EndForm, FlexForm, PrecontactForm, WorkplaceForm
from luotsi.rules import schema


def test_vocabulary_reads_the_literal_types():
    assert v.vocabulary(schema.Absence, "reason") == ("sickness", "annual_leave", "other")
    assert v.vocabulary(schema.Meeting, "mode") == typing.get_args(schema.Mode)
    assert v.vocabulary(schema.Pause, "reason") == typing.get_args(schema.PauseReason)


@pytest.mark.parametrize(
    ("form", "field", "model", "name"),
    [
        (MeetingForm, "mode", schema.Meeting, "mode"),
        (MeetingForm, "kind", schema.Meeting, "kind"),
        (MeetingForm, "place", schema.Meeting, "place"),
        (AbsenceForm, "reason", schema.Absence, "reason"),
        (PauseForm, "reason", schema.Pause, "reason"),
        (FlexForm, "reason", schema.Flex, "reason"),
        (WorkplaceForm, "kind", schema.Workplace, "kind"),
        (PrecontactForm, "mode", schema.Precontact, "mode"),
        (EndForm, "reason", schema.End, "reason"),
    ],
)
def test_every_form_offers_the_contracts_values(form, field, model, name):
    offered = [value for value, _label in form.base_fields[field].choices if value]
    assert tuple(offered) == v.vocabulary(model, name)


SAME_WORD = {("sv", "Start")}  # the same word in Swedish


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_value_has_a_translated_label(language):
    tables = [v.LABELS, v.PHASE_LABELS, v.ABSENCE_LABELS, v.PAUSE_LABELS, v.FLEX_LABELS]
    tables += [v.WORKPLACE_KINDS, v.END_LABELS, v.EVENT_TYPES]
    with translation.override(language):
        for table in tables:
            for value, label in table.items():
                with translation.override("en"):
                    english = str(label)
                if (language, english) not in SAME_WORD:
                    assert str(label) != english, (language, value)
