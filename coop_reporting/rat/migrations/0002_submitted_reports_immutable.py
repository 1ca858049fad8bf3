"""Submitted RAT report versions are frozen in the database too.

A trigger refuses UPDATE or DELETE of a submitted report (except nulling the user
columns when a user is deleted), and any change to the SHU
distribution lines or attachments of a submitted report. The draft → submitted UPDATE
itself passes (the old row is a draft). Corrections are new versions (new rows).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION coop_rat_report_frozen() RETURNS trigger AS $$
BEGIN
    -- Deleting a user only nulls who created/submitted the version: allowed.
    IF TG_OP = 'UPDATE' AND OLD.status = 'submitted'
        AND (to_jsonb(NEW) - 'created_by_id' - 'submitted_by_id')
            = (to_jsonb(OLD) - 'created_by_id' - 'submitted_by_id') THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'submitted' THEN
        RAISE EXCEPTION 'RAT report % is submitted and cannot be changed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER coop_rat_report_frozen
    BEFORE UPDATE OR DELETE ON coop_rat_ratreport
    FOR EACH ROW EXECUTE FUNCTION coop_rat_report_frozen();

CREATE OR REPLACE FUNCTION coop_rat_report_child_frozen() RETURNS trigger AS $$
DECLARE
    report_ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        report_ids := ARRAY[NEW.report_id];
    ELSIF TG_OP = 'DELETE' THEN
        report_ids := ARRAY[OLD.report_id];
    ELSE
        -- Deleting a user only nulls who uploaded an attachment: allowed.
        IF TG_TABLE_NAME = 'coop_rat_ratattachment'
            AND (to_jsonb(NEW) - 'uploaded_by_id') = (to_jsonb(OLD) - 'uploaded_by_id') THEN
            RETURN NEW;
        END IF;
        report_ids := ARRAY[OLD.report_id, NEW.report_id];
    END IF;
    IF EXISTS (
        SELECT 1 FROM coop_rat_ratreport
        WHERE id = ANY(report_ids) AND status = 'submitted'
    ) THEN
        RAISE EXCEPTION 'RAT report is submitted: its % cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER coop_rat_shu_line_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON coop_rat_shudistributionline
    FOR EACH ROW EXECUTE FUNCTION coop_rat_report_child_frozen();

CREATE TRIGGER coop_rat_attachment_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON coop_rat_ratattachment
    FOR EACH ROW EXECUTE FUNCTION coop_rat_report_child_frozen();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS coop_rat_attachment_frozen ON coop_rat_ratattachment;
DROP TRIGGER IF EXISTS coop_rat_shu_line_frozen ON coop_rat_shudistributionline;
DROP FUNCTION IF EXISTS coop_rat_report_child_frozen();
DROP TRIGGER IF EXISTS coop_rat_report_frozen ON coop_rat_ratreport;
DROP FUNCTION IF EXISTS coop_rat_report_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [("coop_rat", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
