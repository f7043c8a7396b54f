"""GAS goals of a case (goal attainment scaling): structured rows printed in the feedback
report (KU148) and listed as its GAS attachment (seed 001: GAS and KU5 were missing from
feedback reports in Kela's audits). Imported by ``luotsi.casedocs.models``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GasLevel(models.IntegerChoices):
    """The five levels of goal attainment scaling (GAS)."""

    MUCH_WORSE = -2, _("−2: much worse than expected")
    WORSE = -1, _("−1: worse than expected")
    EXPECTED = 0, _("0: the expected level")
    BETTER = 1, _("+1: better than expected")
    MUCH_BETTER = 2, _("+2: much better than expected")


class GasGoal(models.Model):
    """One goal of a case on the GAS scale, printed in the feedback report (KU148) and its
    GAS attachment: the goal, its indicator, what each of the five levels −2…+2 means, the
    timetable, and the level reached at the end (empty until assessed).

    Write only through ``luotsi.casedocs.service`` (``save_goal``, ``remove_goal``)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="gas_goals", verbose_name=_("case")
    )
    position = models.PositiveIntegerField(_("order"), default=1)
    goal = models.TextField(_("goal"))
    indicator = models.TextField(_("indicator"), blank=True)
    level_minus2 = models.TextField(_("level −2 (much worse than expected)"), blank=True)
    level_minus1 = models.TextField(_("level −1 (worse than expected)"), blank=True)
    level_0 = models.TextField(_("level 0 (the expected level)"))
    level_plus1 = models.TextField(_("level +1 (better than expected)"), blank=True)
    level_plus2 = models.TextField(_("level +2 (much better than expected)"), blank=True)
    timetable = models.CharField(_("timetable"), max_length=200, blank=True)
    reached = models.SmallIntegerField(
        _("level reached at the end"), choices=GasLevel.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    LEVEL_FIELDS = {
        -2: "level_minus2",
        -1: "level_minus1",
        0: "level_0",
        1: "level_plus1",
        2: "level_plus2",
    }

    class Meta:
        verbose_name = _("GAS goal")
        verbose_name_plural = _("GAS goals")
        ordering = ["case", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reached__isnull=True)
                | models.Q(reached__gte=-2, reached__lte=2),
                name="gas_goal_reached_in_scale",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.goal[:60]}"

    def levels(self) -> dict[int, str]:
        return {level: getattr(self, name) for level, name in self.LEVEL_FIELDS.items()}
