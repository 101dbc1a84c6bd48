"""Serving an uploaded file (kinerja.common.uploads) to a member who may see it.

The permission check stays in each view; this is only the response every such view returns.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse


def private_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """``file`` as a download named ``filename``: never rendered inline by the browser, its type
    not sniffed, and kept by no shared cache. An empty file field is a 404."""
    if not file:
        raise Http404
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def private_download(body: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A generated file (a report, an export of responses) as a download for the member who asked
    for it, with the same headers as :func:`private_file_response`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
