from django.urls import path

from kinerja.measurement import dashboard_views, import_views, public_views, views

app_name = "measurement"
urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    # Isian realisasi: entry, workflow and evidence (views.py)
    path("isian/", views.entry_list, name="entry-list"),
    path("isian/<int:indicator_pk>/<str:period>/", views.entry, name="entry"),
    path(
        "isian/<int:indicator_pk>/<str:period>/bukti/",
        views.evidence_add,
        name="evidence-add",
    ),
    path(
        "isian/<int:indicator_pk>/<str:period>/<slug:action>/",
        views.value_action,
        name="value-action",
    ),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("bukti/<int:pk>/hapus/", views.evidence_remove, name="evidence-remove"),
    path("persetujuan/", views.approval_queue, name="approval-queue"),
    path("capaian/<str:kode>/<int:tahun>/", public_views.achievements, name="public-achievements"),
    # Impor realisasi: the spreadsheet upload (import_views.py)
    path("impor/", import_views.import_page, name="import"),
    path("impor/templat/", import_views.import_template, name="import-template"),
    path("persetujuan/pengaturan/", views.workflow_settings, name="workflow-settings"),
]
