from django.urls import path

from kinerja.iku import views

app_name = "iku"
urlpatterns = [
    path("", views.decree_list, name="decree-list"),
    path("baru/", views.decree_create, name="decree-create"),
    path("<int:pk>/", views.decree_detail, name="decree-detail"),
    path("<int:pk>/ubah/", views.decree_edit, name="decree-edit"),
    path("<int:pk>/berlakukan/", views.decree_put_in_force, name="decree-put-in-force"),
    path("<int:pk>/salin/", views.decree_copy, name="decree-copy"),
    path("<int:pk>/riwayat/", views.decree_history, name="decree-history"),
    path("<int:pk>/kinerja-utama/baru/", views.goal_edit, name="goal-create"),
    path("<int:pk>/kinerja-utama/<int:goal_pk>/ubah/", views.goal_edit, name="goal-edit"),
    path("<int:pk>/indikator/baru/", views.indicator_edit, name="indicator-create"),
    path(
        "<int:pk>/indikator/<int:indicator_pk>/ubah/", views.indicator_edit, name="indicator-edit"
    ),
    path(
        "<int:pk>/indikator/<int:indicator_pk>/arsipkan/",
        views.indicator_archive,
        name="indicator-archive",
    ),
]
