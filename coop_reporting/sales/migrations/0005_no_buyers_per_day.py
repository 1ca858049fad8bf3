"""No report reads distinct buyers per day: day rollups stop counting them and keep no
buyer rows (months and years keep both, unchanged)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("coop_sales", "0004_fact_keys_without_own_indexes")]

    operations = [
        migrations.RunSQL(
            sql=[
                "DELETE FROM coop_sales_rollupbuyer WHERE period = 'day'",
                "UPDATE coop_sales_salesrollup SET buyers = 0 WHERE period = 'day' AND buyers <> 0",
                # A day whose orders were all reversed could only stay for its buyers.
                "DELETE FROM coop_sales_salesrollup WHERE period = 'day' AND quantity = 0 "
                "AND gross_amount = 0 AND orders = 0 AND buyers = 0",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
