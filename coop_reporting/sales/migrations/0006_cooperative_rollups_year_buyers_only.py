"""Keep in the rollups only what some report reads: the cooperative's rollups, and buyer
rows per financial year (``coop_reporting.sales.models``).

Producer and hub rollups and buyer rows, and the month buyer rows, are deleted, and
month rollups count no buyers (0, as days). Buyers never exceed orders, so no month is
left all zeros. The facts keep their producer and hub: a scope brought back is filled
again by ``manage.py rebuild_reporting``, which is also what undoing this migration
needs (the reverse only lets the old scopes in again).
"""

from django.db import migrations, models

KEPT_BUYERS = "scope = 'cooperative' AND period = 'year'"

DELETE_UNREAD = [
    f"DELETE FROM coop_sales_rollupbuyer WHERE NOT ({KEPT_BUYERS})",
    "DELETE FROM coop_sales_salesrollup WHERE scope <> 'cooperative'",
    "UPDATE coop_sales_salesrollup SET buyers = 0 WHERE period = 'month' AND buyers <> 0",
]


class Migration(migrations.Migration):
    dependencies = [("coop_sales", "0005_no_buyers_per_day")]

    operations = [
        migrations.RunSQL(sql=DELETE_UNREAD, reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveConstraint(
            model_name="salesrollup",
            name="coop_sales_rollup_scope_valid",
        ),
        migrations.AlterField(
            model_name="rollupbuyer",
            name="scope",
            field=models.CharField(
                choices=[("cooperative", "Cooperative")], max_length=16, verbose_name="scope"
            ),
        ),
        migrations.AlterField(
            model_name="salesrollup",
            name="scope",
            field=models.CharField(
                choices=[("cooperative", "Cooperative")], max_length=16, verbose_name="scope"
            ),
        ),
        migrations.AddConstraint(
            model_name="rollupbuyer",
            constraint=models.CheckConstraint(
                condition=models.Q(("period__in", ("year",)), ("scope__in", ["cooperative"])),
                name="coop_sales_rollup_buyer_key_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="salesrollup",
            constraint=models.CheckConstraint(
                condition=models.Q(("scope__in", ["cooperative"])),
                name="coop_sales_rollup_scope_valid",
            ),
        ),
    ]
