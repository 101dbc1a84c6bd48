from django.urls import path

from kinerja.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.agreement_list, name="agreement-list"),
    path("pk/baru/", views.agreement_create, name="agreement-create"),
    path("pk/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("pk/<int:pk>/ubah/", views.agreement_edit, name="agreement-edit"),
    path("pk/<int:pk>/tandatangani/", views.agreement_sign, name="agreement-sign"),
    path("pk/<int:pk>/revisi/", views.target_revise, name="target-revise"),
    path("renstra/", views.renstra_list, name="renstra-list"),
    path("renstra/baru/", views.renstra_form, name="renstra-create"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra-detail"),
    path("renstra/<int:pk>/ubah/", views.renstra_form, name="renstra-edit"),
    path("renja/", views.renja_list, name="renja-list"),
    path("renja/<str:code>/<int:year>/", views.renja_detail, name="renja-detail"),
    path("renja/<str:code>/<int:year>/program/baru/", views.program_create, name="program-create"),
    path("program/<int:pk>/ubah/", views.program_edit, name="program-edit"),
    path("pembanding/", views.benchmark_index, name="benchmark-index"),
    path("pembanding/<str:code>/<int:year>/", views.benchmark_detail, name="benchmark-detail"),
]
