from django.db import migrations


def load(apps, schema_editor):
    from isogov.clauses.loader import builtin_files, load_framework

    for path in builtin_files():
        load_framework(path, framework_model=apps.get_model("clauses", "Framework"),
                       clause_model=apps.get_model("clauses", "Clause"))


class Migration(migrations.Migration):
    dependencies = [("clauses", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
