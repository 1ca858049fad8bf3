"""Every cooperative has a reporting summary row carrying its current name, type, members
and region.

The marketplace may not call reporting (import contract), yet the district list must
scope, filter and sort on a cooperative's region and type the moment they change. A
trigger on the cooperative table copies those columns into ``coop_supervision_summary``
(inserting the row, with empty reporting columns, for a new cooperative). The reporting
columns are the services' business; existing cooperatives get a row here and their
figures from the next ``manage.py rebuild_reporting`` (or the nightly rebuild).
"""

from django.db import migrations

COPIED = (
    "name",
    "nomor_induk_koperasi",
    "jenis",
    "is_merah_putih",
    "has_savings_unit",
    "is_active",
    "member_count",
)
OLD_ROW = ", ".join([f"OLD.{column}" for column in COPIED] + ["OLD.village_id"])
NEW_ROW = ", ".join([f"NEW.{column}" for column in COPIED] + ["NEW.village_id"])
UPDATES = ",\n        ".join(
    f"{column} = EXCLUDED.{column}" for column in (*COPIED, "regency_code", "province_code")
)

FORWARD = f"""
CREATE OR REPLACE FUNCTION coop_supervision_summary_copy() RETURNS trigger AS $$
BEGIN
    INSERT INTO coop_supervision_summary AS s (
        cooperative_id, {", ".join(COPIED)}, regency_code, province_code,
        sales_this_year, sales_previous_year, orders_this_year, health_category,
        open_flag_kinds
    ) VALUES (
        NEW.id, {", ".join(f"NEW.{column}" for column in COPIED)},
        left(NEW.village_id, 5), left(NEW.village_id, 2), 0, 0, 0, '', '{{}}'
    )
    ON CONFLICT (cooperative_id) DO UPDATE SET
        {UPDATES};
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER coop_supervision_summary_insert
    AFTER INSERT ON village_hubs_cooperative
    FOR EACH ROW EXECUTE FUNCTION coop_supervision_summary_copy();

CREATE TRIGGER coop_supervision_summary_update
    AFTER UPDATE ON village_hubs_cooperative
    FOR EACH ROW WHEN (ROW({OLD_ROW}) IS DISTINCT FROM ROW({NEW_ROW}))
    EXECUTE FUNCTION coop_supervision_summary_copy();

INSERT INTO coop_supervision_summary (
    cooperative_id, {", ".join(COPIED)}, regency_code, province_code,
    sales_this_year, sales_previous_year, orders_this_year, health_category, open_flag_kinds
)
SELECT id, {", ".join(COPIED)}, left(village_id, 5), left(village_id, 2), 0, 0, 0, '', '{{}}'
FROM village_hubs_cooperative
ON CONFLICT (cooperative_id) DO NOTHING;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS coop_supervision_summary_update ON village_hubs_cooperative;
DROP TRIGGER IF EXISTS coop_supervision_summary_insert ON village_hubs_cooperative;
DROP FUNCTION IF EXISTS coop_supervision_summary_copy();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("coop_supervision", "0001_dinas_officers_and_reporting_summary"),
        ("village_hubs", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
