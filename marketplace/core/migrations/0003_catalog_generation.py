"""The catalog generation counter and its triggers (see marketplace.core.freshness).

The triggers themselves are put on every watched table after each ``migrate``
(``post_migrate``), so tables made by later migrations are watched too.
"""

from django.db import migrations

from marketplace.core.freshness import CREATE_SQL, DROP_SQL


def install(apps, schema_editor):
    from marketplace.core.freshness import install_triggers

    install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_heartbeat")]

    operations = [
        migrations.RunSQL(CREATE_SQL, DROP_SQL),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
