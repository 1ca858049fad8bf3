"""``manage.py assign_dinas_officer <email> --regency 33.19 | --province 33``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coop_reporting.supervision import services
from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace.accounts.models import User
from marketplace.regions.models import Province, Regency


class Command(BaseCommand):
    help = (
        "Make a user a Dinas Koperasi officer supervising the cooperatives of one "
        "regency/city (--regency 33.19) or one province (--province 33); --unassign stops it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-mail address of an existing user.")
        region = parser.add_mutually_exclusive_group(required=True)
        region.add_argument("--regency", help="Kemendagri code of the regency or city (PP.KK).")
        region.add_argument("--province", help="Kemendagri code of the province (PP).")
        parser.add_argument(
            "--office",
            default="",
            help='Name of the Dinas office (default: "Dinas Koperasi <region name>").',
        )
        parser.add_argument("--unassign", action="store_true", help="Stop the assignment.")

    def handle(self, *args: object, **options: object) -> None:
        email = str(options["email"]).strip()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        regency, province = _code(options["regency"]), _code(options["province"])
        if options["unassign"]:
            assignment = DinasOfficerAssignment.objects.filter(
                user=user, regency_id=regency, province_id=province
            ).first()
            if assignment is None:
                raise CommandError(f"{email} has no assignment for {regency or province}.")
            services.dinas_officer_unassign(assignment=assignment)
            self.stdout.write(f"{email}: no longer supervises {assignment.region_code}")
            return
        try:
            assignment = services.dinas_officer_assign(
                user=user,
                office_name=str(options["office"] or "") or _default_office(regency, province),
                regency_code=regency,
                province_code=province,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{email}: supervises {assignment.region_code} for {assignment.office_name}"
        )


def _code(value: object) -> str | None:
    """A region code option as argparse gives it: the text typed, or None when left out."""
    return value if isinstance(value, str) else None


def _default_office(regency: str | None, province: str | None) -> str:
    region = (
        Regency.objects.filter(code=regency).first()
        if regency
        else Province.objects.filter(code=province).first()
    )
    return f"Dinas Koperasi {region.name}" if region else "Dinas Koperasi"
