"""The server error page (``handler500`` in kinerja/urls.py).

Django's own handler renders 500.html without the request, so a page in the site's layout
(which reads ``user``, ``request`` and the CSRF token) could not render. This one renders it with
the request, and never raises: when that rendering fails too (the database being the cause of the
error, say) it answers with a small page of its own.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(render_to_string("500.html", request=request))
    except Exception:
        logger.exception("The error page 500.html could not be rendered")
        return HttpResponseServerError(_minimal_page())


def _minimal_page() -> str:
    try:
        title = _("Something went wrong")
        text = _(
            "The server could not finish this request. The error has been recorded; please try "
            "again in a few minutes. If it keeps happening, tell your administrator what you "
            "were doing and when."
        )
        home = _("Go to the home page")
        language = get_language() or "id"
    except Exception:  # no translation at hand: the Indonesian words themselves
        title = "Terjadi kesalahan"
        text = "Server tidak dapat menyelesaikan permintaan ini. Silakan coba lagi nanti."
        home = "Ke beranda"
        language = "id"
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · Kinerja</title></head>"
        '<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">'
        f"<p><strong>Kinerja</strong></p><h1>{escape(title)}</h1><p>{escape(text)}</p>"
        f'<p><a href="/">{escape(home)}</a></p></body></html>'
    )
