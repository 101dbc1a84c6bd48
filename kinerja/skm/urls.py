from django.urls import path, re_path

from kinerja.skm import public_views, views

app_name = "skm"
# ``laporan/`` (``skm:report``, the SKM report's page) belongs to the documents system
# (kinerja.reports.skm_views); the root URLconf adds it to this namespace.
urlpatterns = [
    path("", views.index, name="index"),
    path("instrumen/", views.instrument_edit, name="instrument"),
    path("layanan/", views.service_list, name="services"),
    path("layanan/pengguna/", views.user_count, name="user-count"),
    path("jawaban/", views.responses, name="responses"),
    path("kertas/", views.paper_import, name="paper"),
    path("poster/<int:pk>/", views.poster_page, name="poster-page"),
    re_path(r"^poster/(?P<pk>\d+)\.(?P<ext>svg|png)$", views.poster, name="poster"),
    path("isi/<str:token>/", views.survey, name="survey"),
    path("isi/<str:token>/terima-kasih/", views.thanks, name="thanks"),
    path("kiosk/<str:token>/", views.kiosk, name="kiosk"),
    path("hasil/<kode>/<int:tahun>/", public_views.results, name="public-results"),
]
