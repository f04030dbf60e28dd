"""Who recorded a corrective action done, so that they do not also verify it (issue 7, separation of duties).

Actions already done get the person from the audit trail: the last event that set their "done_on".
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def done_by_from_the_trail(apps, schema_editor):
    CorrectiveAction = apps.get_model("capa", "CorrectiveAction")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    done = {str(pk): pk for pk in CorrectiveAction.objects.filter(done_on__isnull=False).values_list("pk", flat=True)}
    if not done:
        return
    recorder: dict[int, int] = {}
    events = (AuditEvent.objects.filter(object_type="capa.correctiveaction", action="update", actor__isnull=False)
              .order_by("at", "id").values_list("object_id", "actor_id", "changes"))
    for object_id, actor_id, changes in events.iterator():
        pair = (changes or {}).get("done_on")
        if object_id in done and isinstance(pair, list) and len(pair) == 2 and pair[0] is None and pair[1]:
            recorder[done[object_id]] = actor_id
    for pk, actor_id in recorder.items():
        CorrectiveAction.objects.filter(pk=pk).update(done_by_id=actor_id)


class Migration(migrations.Migration):

    dependencies = [
        ("capa", "0001_initial"),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="correctiveaction",
            name="done_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="recorded done by"),
        ),
        migrations.RunPython(done_by_from_the_trail, migrations.RunPython.noop),
    ]
