"""Give every database the platform's product types for cooperatives (packaged food with
its size/weight variant attribute), defined once in ``marketplace.catalog.platform_types``.
Idempotent: a database that already has them (from the demo loader) keeps them as they
are. Reversing leaves them in place (products may use them)."""

from django.db import migrations

from marketplace.catalog.platform_types import platform_product_types_ensure


def create_platform_product_types(apps, schema_editor):
    platform_product_types_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_product_name_visible"),
    ]

    operations = [
        migrations.RunPython(create_platform_product_types, migrations.RunPython.noop),
    ]
