"""Every financial year's marketplace sales and orders on the summary row, so a district
list of another year sorts and filters on them without a rollup lookup per cooperative.
Existing rows are filled from the year rollups here; the services keep them current."""

from django.db import migrations, models

FILL = """
UPDATE coop_supervision_summary AS s
SET sales_by_year = years.sales, orders_by_year = years.orders
FROM (
    SELECT scope_id,
           jsonb_object_agg(period_start::text, gross_amount) AS sales,
           jsonb_object_agg(period_start::text, orders) AS orders
    FROM coop_sales_salesrollup
    WHERE scope = 'cooperative' AND period = 'year'
    GROUP BY scope_id
) AS years
WHERE years.scope_id = s.cooperative_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("coop_supervision", "0002_summary_follows_cooperative"),
        ("coop_sales", "0002_sale_fact_reversal_sequence"),
    ]

    operations = [
        migrations.AddField(
            model_name="cooperativereportingsummary",
            name="orders_by_year",
            field=models.JSONField(
                db_default=models.Value({}, output_field=models.JSONField()),
                default=dict,
                verbose_name="orders by financial year",
            ),
        ),
        migrations.AddField(
            model_name="cooperativereportingsummary",
            name="sales_by_year",
            field=models.JSONField(
                db_default=models.Value({}, output_field=models.JSONField()),
                default=dict,
                verbose_name="marketplace sales by financial year",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
