"""The table of the shared cache (``CACHES``; rate limits of the shop) when it is the
database's: ``createcachetable`` is idempotent and does nothing for other caches."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
