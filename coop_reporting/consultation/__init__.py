"""The consultation desk: a cooperative's admins ask their Dinas Koperasi, the officers
supervising the cooperative answer (models, services, selectors, e-mails)."""
