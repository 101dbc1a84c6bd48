"""The world of the permission suite, built once per test module inside a transaction that is
rolled back at the module's end; each test runs in a savepoint inside it."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from tests.permissions.suite import Clients
from tests.permissions.world import World, world_build


@pytest.fixture(scope="module")
def media(tmp_path_factory: Any) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("media")
    with override_settings(
        MEDIA_ROOT=root,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        yield root


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, media: Path) -> Iterator[World]:
    from django.utils import translation

    with django_db_blocker.unblock(), translation.override("en"):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world_build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world: World, django_db_blocker: Any) -> Clients:
    with django_db_blocker.unblock():
        return Clients.for_world(world)
