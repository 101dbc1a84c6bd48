"""Fixtures of the page tests: a draft decree and a client logged in as any of the role users."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kinerja.iku import services
from kinerja.iku.models import Decree


@pytest.fixture
def draft(default_decree: Decree) -> Decree:
    """A draft made as a copy of the decree in force, ready to be put in force."""
    copy = services.decree_copy(actor=None, source=default_decree)
    return services.decree_update(
        actor=None, decree=copy, number="065/ 3 /26/2023", date_signed=dt.date(2023, 1, 2)
    )


@pytest.fixture
def client_as(users: Any) -> Callable[[str], Client]:
    """``client_as("camat")``: a client logged in as that role user (anonymous: not logged in)."""

    def make(role: str) -> Client:
        client = Client()
        user = getattr(users, role)
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: Any) -> None:
    """The role users are created for every test; a slow hasher would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
