"""Users: villagers who buy, and staff of cooperatives, hubs, the Dinas and the platform.

People sign in with their e-mail address, as in Saleor. Which cooperative, hub or
district a user works for is recorded by those apps (memberships), not here.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_jwt_token_key() -> str:
    return secrets.token_urlsafe(16)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=256, blank=True)
    last_name = models.CharField(_("last name"), max_length=256, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_confirmed = models.BooleanField(_("e-mail confirmed"), default=True)
    language_code = models.CharField(_("language"), max_length=8, default="id")
    # Rotating this key invalidates every token issued so far (tokenDeactivateAll).
    jwt_token_key = models.CharField(max_length=32, default=new_jwt_token_key)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email
