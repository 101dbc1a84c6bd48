"""Template context about sample data (DATA CONTOH), for ``accounts/_sample_banner.html``.

- ``sample_data_organisation_ids``: the ids of the organisations holding sample data; a page whose
  context has an ``organisation`` shows the banner when its id is among them;
- ``sample_data_default``: for a page without an ``organisation``: whether the default kecamatan or
  an organisation the user belongs to holds sample data.

Both are lazy: a page that does not print the banner does not query anything.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kinerja.accounts.selectors import request_sample_data


def sample_data(request: HttpRequest) -> dict[str, Any]:
    facts = request_sample_data(request)
    return {
        "sample_data_organisation_ids": SimpleLazyObject(lambda: facts.organisation_ids),
        "sample_data_default": SimpleLazyObject(lambda: facts.default),
    }
