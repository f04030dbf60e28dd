"""The states of an agency's QMS: not started, building, applying, confirmed, announced, maintaining, re-announce.

The QMS owns this vocabulary and its transitions (lifecycle.py); the registry's agency row stores the current
state, lists it and filters by it, so this module imports nothing of isogov and the registry may import it (the
one import upward that the layer contract in pyproject.toml names).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class QmsState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    BUILDING = "building", _("Building")
    APPLYING = "applying", _("Applying")
    CONFIRMED = "confirmed", _("Effectiveness confirmed")
    ANNOUNCED = "announced", _("Announced")
    MAINTAINING = "maintaining", _("Maintaining and improving")
    REANNOUNCE_DUE = "reannounce_due", _("Scope changed — re-announcement due")
