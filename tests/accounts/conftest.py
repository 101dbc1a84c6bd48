from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    """The demo uploads sample files (village documents): keep them out of the data directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
