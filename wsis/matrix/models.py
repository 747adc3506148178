"""The WSIS–SDG–GDC matrix: cells linking an Action Line to an SDG goal or target and/or a GDC
objective, with the rationale, the evidence behind it and who maintains it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.matrix.choices import CellOrigin


class MatrixCell(models.Model):
    """One link of the matrix. The SDG side is a goal or a target (never both); a cell names an
    SDG side, a GDC objective, or both.

    The `*_code` columns repeat the vocabulary codes as the registry's facets spell them, so that
    the evidence (initiatives tagged with both sides) is looked up in the registry's facet index
    and its list is linked without reading the vocabularies again.
    """

    action_line = models.ForeignKey(
        "taxonomy.ActionLine",
        verbose_name=_("Action Line"),
        on_delete=models.PROTECT,
        related_name="matrix_cells",
    )
    sdg_goal = models.ForeignKey(
        "taxonomy.SDGGoal",
        verbose_name=_("SDG goal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sdg_target = models.ForeignKey(
        "taxonomy.SDGTarget",
        verbose_name=_("SDG target"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gdc_objective = models.ForeignKey(
        "taxonomy.GDCObjective",
        verbose_name=_("GDC objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rationale = models.JSONField(
        _("rationale"), default=dict, blank=True, help_text=_("Text by language code.")
    )
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    origin = models.CharField(
        _("origin"), max_length=12, choices=CellOrigin.choices, default=CellOrigin.EDITOR
    )
    maintained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("maintained by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # "C2|sdg_target:9.c|GDC1": one cell per combination (NULLs would escape a unique constraint
    # over the foreign keys on SQLite).
    key = models.CharField(max_length=120, unique=True, editable=False)
    action_line_code = models.CharField(max_length=40, editable=False)
    sdg_facet = models.CharField(max_length=12, blank=True, editable=False)
    sdg_code = models.CharField(max_length=10, blank=True, editable=False)
    gdc_code = models.CharField(max_length=40, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["action_line__position", "action_line__code", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sdg_goal__isnull=True) | Q(sdg_target__isnull=True),
                name="matrix_cell_goal_or_target",
            ),
            models.CheckConstraint(
                condition=Q(sdg_goal__isnull=False)
                | Q(sdg_target__isnull=False)
                | Q(gdc_objective__isnull=False),
                name="matrix_cell_has_a_second_side",
            ),
        ]
        verbose_name = _("matrix cell")
        verbose_name_plural = _("matrix cells")

    def __str__(self):
        return self.key

    def fill_codes(self) -> None:
        """Set the code columns and the key from the linked vocabulary entries."""
        self.action_line_code = self.action_line.code
        if self.sdg_target_id:
            self.sdg_facet, self.sdg_code = "sdg_target", self.sdg_target.code
        elif self.sdg_goal_id:
            self.sdg_facet, self.sdg_code = "sdg_goal", str(self.sdg_goal.number)
        else:
            self.sdg_facet, self.sdg_code = "", ""
        self.gdc_code = self.gdc_objective.code if self.gdc_objective_id else ""
        sdg = f"{self.sdg_facet}:{self.sdg_code}" if self.sdg_code else ""
        self.key = f"{self.action_line_code}|{sdg}|{self.gdc_code}"

    @property
    def goal_number(self) -> int | None:
        """The SDG goal the cell falls under (a target's goal), for the heat map's columns."""
        if self.sdg_target_id:
            return int(self.sdg_code.split(".")[0])
        return self.sdg_goal.number if self.sdg_goal_id else None

    def rationale_in(self, language: str | None = None) -> str:
        return translated(self.rationale, language)

    def registry_filters(self) -> dict[str, list[str]]:
        """The registry list's query parameters selecting this cell's initiatives: every
        published initiative, inactive ones included, as the cell counts them."""
        params = {"action_line": [self.action_line_code]}
        if self.sdg_code:
            params[self.sdg_facet] = [self.sdg_code]
        if self.gdc_code:
            params["gdc_objective"] = [self.gdc_code]
        return params | ALL_LIGHTS


# The registry hides inactive initiatives by default; the matrix counts every published one.
ALL_LIGHTS = {"status_light": ["green", "amber", "red"]}
