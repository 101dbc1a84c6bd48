from django.urls import path

from kinerja.coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    path("bidang/<int:pk>/", views.field_register, name="field"),
    path("bidang/<int:pk>/kegiatan-baru/", views.activity_new, name="activity-new"),
    path("kegiatan/<int:pk>/", views.activity_detail, name="activity"),
    path("kegiatan/<int:pk>/notulen/", views.minutes_file, name="minutes"),
    path("kegiatan/<int:pk>/hasil/", views.result_new, name="result-new"),
    path(
        "kegiatan/<int:pk>/hasil/<int:result_pk>/rekomendasi/",
        views.recommendation_new,
        name="recommendation-new",
    ),
    path("kegiatan/<int:pk>/<slug:step>/", views.activity_step, name="activity-step"),
    path("rekomendasi/<int:pk>/tindak-lanjut/", views.followup_new, name="followup-new"),
    path("tindak-lanjut/<int:pk>/bukti/", views.followup_file, name="followup-file"),
    path("indikator/<int:indicator_pk>/<str:period>/", views.lineage, name="lineage"),
]
