from django.urls import path

from kinerja.reports import lkjip_views, views

app_name = "reports"
urlpatterns = [
    path("", views.document_list, name="document-list"),
    path(
        "lkjip-narasi/<str:kode>/<int:tahun>/",
        lkjip_views.lkjip_narratives,
        name="lkjip-narratives",
    ),
    path(
        "lkjip-terbit/<str:kode>/<int:tahun>/",
        lkjip_views.lkjip_publication,
        name="lkjip-publication",
    ),
    path("<slug:jenis>/<slug:fmt>/", views.document_download, name="document-download"),
    path("<slug:jenis>/<slug:fmt>/siapkan/", views.document_prepare, name="document-prepare"),
]
