"""The cooperative's back office pages (``/koperasi/``) for its admins and staff."""
