"""The reporting summary moves to the district app (``coop_district``): state only, the
table ``coop_supervision_summary``, its rows, indexes and trigger stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coop_supervision", "0004_summary_sales_previous_year_to_date"),
        ("coop_district", "0001_summary_from_supervision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CooperativeReportingSummary")],
            database_operations=[],
        ),
    ]
