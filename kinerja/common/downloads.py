"""Serving an uploaded file (kinerja.common.uploads) to a member who may see it.

The permission check stays in each view; this is only the response every such view returns:
PDF and images open in the browser (inline, sandboxed), ``?unduh=1`` and every other type are
downloads.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})
"""Types a browser shows by itself (its PDF viewer, an image page); served inline unless the
member asks for the download. Office files (docx, xlsx, odt, ods) are always downloads."""
SANDBOX_POLICY = (
    "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'"
)
"""The Content-Security-Policy of a file shown inline: ``sandbox`` gives the document an opaque
origin with no scripts, forms or popups (a file that is not what it claims cannot act as the site);
``default-src 'none'`` loads nothing else; what is left is what the browser's own viewer needs:
the image itself, the PDF viewer's embed and the inline styles of the page the browser builds
around an image (Chromium 156: PDF and image shown with this policy; without ``style-src`` the
image page's styles are refused)."""
DOWNLOAD_PARAMETER = "unduh"
"""``?unduh=1``: the same file as an attachment (the download link beside the view link)."""


def wants_download(request: HttpRequest) -> bool:
    """Whether the member asked for the file as a download (``?unduh=1``)."""
    return request.GET.get(DOWNLOAD_PARAMETER, "") not in ("", "0")


def private_file_response(
    file: FieldFile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """``file`` named ``filename`` for a member: a download, or with ``inline`` and a type of
    :data:`INLINE_TYPES` shown in the browser. Always: :data:`SANDBOX_POLICY`, its type not
    sniffed, kept by no shared cache. An empty file field is a 404."""
    if not file:
        raise Http404
    content_type = content_type or "application/octet-stream"
    shown = inline and content_type in INLINE_TYPES
    response = FileResponse(
        file.open("rb"),
        as_attachment=not shown,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # on downloads too: a browser that renders an attachment anyway renders it sandboxed
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response


def member_file_response(
    request: HttpRequest, file: FieldFile, *, filename: str, content_type: str
) -> FileResponse:
    """What a view of an uploaded file returns after its permission check: PDF and images shown
    in the browser, anything else, or any file with ``?unduh=1``, as a download."""
    return private_file_response(
        file, filename=filename, content_type=content_type, inline=not wants_download(request)
    )


def is_viewable(content_type: str) -> bool:
    """Whether a file of ``content_type`` opens in the browser (templates show "Lihat" and
    "Unduh" for it, only "Unduh" otherwise)."""
    return content_type in INLINE_TYPES


GENERATED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""Content types of the generated files (documents, exports) by format."""


def private_download(body: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A generated file (a report, an export of responses) as a download for the member who asked
    for it, with the same headers as :func:`private_file_response`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
