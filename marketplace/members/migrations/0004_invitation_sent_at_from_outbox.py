"""Members invited before ``invitation_sent_at`` existed get the time of their last
invitation from the e-mail outbox, where it is on record.

Invitations were sent from 2026-12-06 (``member_create`` of a member added without an
account) and the outbox (``core.OutgoingEmail``) keeps every e-mail written, with its
``created_at``, written in the same transaction as the invitation's link. An invitation
is recognised by its address (the member's account) and its subject, which names the
member's cooperative, in either language it was written in: no other e-mail has that
subject, and an account is a member of a cooperative at most once. Only e-mails written
after the member was added count.

Where nothing matches (the outbox row deleted, the cooperative renamed, the account's
address changed since), the date stays empty: unknown is treated as "sent long ago", so
the first "Kirim ulang undangan" is not held back and the member page says no invitation
is on record. No date is made up.
"""

from django.db import migrations
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat

# The invitation's subject as the code of the time wrote it ("Your membership of
# %(cooperative)s", and its Indonesian translation), frozen here on purpose.
SUBJECT_PREFIXES = ("Your membership of ", "Keanggotaan Anda di ")


def fill_invitation_sent_at(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    subject = Q()
    for prefix in SUBJECT_PREFIXES:
        subject |= Q(subject=Concat(Value(prefix), OuterRef("cooperative__name")))
    last_invitation = (
        OutgoingEmail.objects.filter(
            subject,
            to__iexact=OuterRef("user__email"),
            created_at__gte=OuterRef("created_at"),
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    found = (
        Member.objects.filter(invitation_sent_at__isnull=True, user__isnull=False)
        .exclude(user__email="")
        .annotate(last_invitation=Subquery(last_invitation))
        .filter(last_invitation__isnull=False)
        .values_list("pk", "last_invitation")
    )
    members = [Member(pk=pk, invitation_sent_at=sent) for pk, sent in found.iterator()]
    Member.objects.bulk_update(members, ["invitation_sent_at"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("members", "0003_member_invitation_sent_at"),
    ]

    operations = [
        migrations.RunPython(fill_invitation_sent_at, migrations.RunPython.noop),
    ]
