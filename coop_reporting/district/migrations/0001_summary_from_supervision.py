"""The reporting summary, moved here from supervision (``coop_supervision`` 0005): state
only, the table keeps its name (``coop_supervision_summary``), rows, indexes and the
trigger that copies the cooperatives' columns. Its content type (and so its permissions)
moves along."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models


def _move(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="cooperativereportingsummary").exists():
        content_type.objects.filter(app_label=old, model="cooperativereportingsummary").update(
            app_label=new
        )


def move_content_type(apps, schema_editor) -> None:
    _move(apps, "coop_supervision", "coop_district")


def move_content_type_back(apps, schema_editor) -> None:
    _move(apps, "coop_district", "coop_supervision")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('village_hubs', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('coop_supervision', '0004_summary_sales_previous_year_to_date'),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
        migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
        migrations.CreateModel(
            name='CooperativeReportingSummary',
            fields=[
                ('cooperative', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='reporting_summary', serialize=False, to='village_hubs.cooperative', verbose_name='cooperative')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('nomor_induk_koperasi', models.CharField(blank=True, max_length=16, verbose_name='cooperative registration number (NIK)')),
                ('jenis', models.CharField(max_length=16, verbose_name='type')),
                ('is_merah_putih', models.BooleanField(default=False, verbose_name='Merah Putih village cooperative')),
                ('has_savings_unit', models.BooleanField(default=False, verbose_name='has a savings and loan unit')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('member_count', models.PositiveIntegerField(default=0, verbose_name='members')),
                ('regency_code', models.CharField(max_length=5, verbose_name='regency code')),
                ('province_code', models.CharField(max_length=2, verbose_name='province code')),
                ('sales_this_year', models.BigIntegerField(default=0, verbose_name='marketplace sales this year (Rp)')),
                ('sales_previous_year', models.BigIntegerField(default=0, verbose_name='marketplace sales previous year (Rp)')),
                ('sales_previous_year_to_date', models.BigIntegerField(db_default=0, default=0, verbose_name='marketplace sales in the same period a year earlier (Rp)')),
                ('sales_trend_percent', models.DecimalField(blank=True, decimal_places=1, max_digits=16, null=True, verbose_name='sales trend (%)')),
                ('orders_this_year', models.IntegerField(default=0, verbose_name='orders this year')),
                ('sales_by_year', models.JSONField(db_default=models.Value({}, output_field=models.JSONField()), default=dict, verbose_name='marketplace sales by financial year')),
                ('orders_by_year', models.JSONField(db_default=models.Value({}, output_field=models.JSONField()), default=dict, verbose_name='orders by financial year')),
                ('last_sale_date', models.DateField(blank=True, null=True, verbose_name='last sale')),
                ('last_rat_date', models.DateField(blank=True, null=True, verbose_name='last RAT')),
                ('rat_date', models.DateField(blank=True, null=True, verbose_name='RAT on the previous year')),
                ('rat_days_late', models.IntegerField(blank=True, null=True, verbose_name='days the RAT was late')),
                ('health_financial_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='health assessment year')),
                ('health_category', models.CharField(blank=True, max_length=50, verbose_name='health category')),
                ('health_score', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='health score')),
                ('open_flag_kinds', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=64), blank=True, default=list, size=None, verbose_name='open flags')),
                ('refreshed_at', models.DateTimeField(blank=True, null=True, verbose_name='refreshed')),
            ],
            options={
                'verbose_name': 'cooperative reporting summary',
                'verbose_name_plural': 'cooperative reporting summaries',
                'db_table': 'coop_supervision_summary',
                'ordering': ('name', 'cooperative_id'),
                'indexes': [models.Index(fields=['regency_code', 'name'], name='coop_sup_sum_regency_name'), models.Index(fields=['province_code', 'name'], name='coop_sup_sum_province_name'), models.Index(fields=['name', 'cooperative'], name='coop_sup_sum_name'), models.Index(models.F('province_code'), models.OrderBy(models.F('sales_this_year'), descending=True, nulls_last=True), name='coop_sup_sum_province_sales'), models.Index(models.F('province_code'), models.OrderBy(models.F('sales_trend_percent'), nulls_last=True), name='coop_sup_sum_province_trend'), django.contrib.postgres.indexes.GinIndex(fields=['open_flag_kinds'], name='coop_sup_sum_flags')],
            },
        ),
        ]),
    ]
