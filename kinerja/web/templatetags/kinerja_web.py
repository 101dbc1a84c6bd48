"""Template helpers of the page layout."""

from django import template

from kinerja.common import naming

register = template.Library()


# shared with the documents (kinerja.reports): kinerja.common.naming
register.filter("lines", naming.lines)
register.filter("office_name", naming.office_name)


@register.filter
def opens_in_browser(content_type: str) -> bool:
    """Whether an uploaded file of ``content_type`` opens in the browser (PDF, images;
    kinerja.common.downloads), so its link gets a "Download" link beside it."""
    from kinerja.common.downloads import is_viewable

    return is_viewable(content_type or "")
