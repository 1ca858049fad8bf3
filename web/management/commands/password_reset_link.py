"""A one-time link to choose a new password, for an account that cannot receive e-mail.

There is no SMS gateway: a villager whose account has only a phone number comes to the
hub's counter; once the operator has checked who they are (their phone, an ID card),
platform staff run this command and the villager opens the link on their own phone. The
link works once, for PASSWORD_RESET_TIMEOUT seconds; using it signs out every device.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from marketplace.accounts.selectors import user_get_by_login
from marketplace.accounts.tokens import password_reset_token_generator


class Command(BaseCommand):
    help = "Print a one-time password reset link for the account with this phone or e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("login", help="The account's phone number (08…) or e-mail address.")

    def handle(self, *args: Any, login: str, **options: Any) -> None:
        user = user_get_by_login(login=login)
        if user is None or not user.is_active:
            raise CommandError(f"No active account with {login!r}.")
        query = urlencode(
            {
                "email": user.email or user.phone,
                "token": password_reset_token_generator.make_token(user),
            }
        )
        url = f"{settings.PUBLIC_URL}{reverse('web:password-set')}?{query}"
        self.stdout.write(url)
