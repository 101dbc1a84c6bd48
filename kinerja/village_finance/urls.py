from django.urls import path

from kinerja.village_finance import views

app_name = "village_finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:kecamatan_id>/<int:year>/", views.board, name="board"),
    path("<int:kecamatan_id>/<int:year>/tenggat/", views.deadlines, name="deadlines"),
    path(
        "<int:kecamatan_id>/<int:year>/<int:village_id>/<slug:key>/",
        views.document,
        name="document",
    ),
    path("<int:kecamatan_id>/rincian/<str:period>/", views.lineage, name="lineage"),
    path("berkas/<slug:kind>/<int:pk>/", views.document_file, name="file"),
]
