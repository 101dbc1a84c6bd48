from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kinerja.reports import skm_views
from kinerja.skm import urls as skm_urls

# The SKM pages, and the SKM report's page of the documents system in the same namespace
# (``skm:report`` at /skm/laporan/): the SKM app does not import the documents system.
skm_patterns = [
    *skm_urls.urlpatterns,
    path("laporan/", skm_views.report_page, name="report"),
]

urlpatterns = [
    path("", include("kinerja.web.urls")),
    path("iku/", include("kinerja.iku.urls")),
    path("perencanaan/", include("kinerja.planning.urls")),
    path("kinerja/", include("kinerja.measurement.urls")),
    path("skm/", include((skm_patterns, skm_urls.app_name))),
    path("koordinasi/", include("kinerja.coordination.urls")),
    path("keuangan-desa/", include("kinerja.village_finance.urls")),
    path("laporan/", include("kinerja.reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("kinerja.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

# The server error page in the site's layout, rendered with the request (kinerja/web/errors.py);
# 400, 403 and 404 use Django's handlers with the templates 400/403/404.html of kinerja.web.
handler500 = "kinerja.web.errors.server_error"
