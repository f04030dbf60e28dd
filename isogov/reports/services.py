"""The one writer of a year's report text (difficulties, proposals, remarks, number and signer)."""
from django.core.exceptions import ValidationError
from django.db import transaction

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.db import lock_value
from isogov.registry.models import Agency
from isogov.reports.models import TEXT_FIELDS, AnnualText
from isogov.reports.rules import year_problem


@transaction.atomic
def text_save(*, actor, year: int, agency: Agency | None, **values) -> AnnualText:
    """Save what `actor` wrote for `year`'s report of `agency` (None: the province's); the access helper has
    already decided that `actor` may. Only TEXT_FIELDS are taken; the trail keeps what changed."""
    if problem := year_problem(year):
        raise ValidationError(problem)
    unknown = set(values) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Not a field of the report's text: {sorted(unknown)}")
    # Two first saves at once: the second waits here and then finds the first's row (get_or_create reads again).
    lock_value("reports.annualtext", f"{year}:{agency.pk if agency else ''}")
    text, created = AnnualText.objects.select_for_update().get_or_create(year=year, agency=agency)
    before = {} if created else snapshot(text, TEXT_FIELDS)
    for name, value in values.items():
        setattr(text, name, value)
    text.updated_by = actor
    text.full_clean()
    text.save()
    after = snapshot(text, TEXT_FIELDS)
    changes = after if created else diff(before, after)  # a creation keeps its values, as every writer does
    if created or changes:
        audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=text, agency=agency,
                     changes=changes)
    return text
