from django.urls import path

from kinerja.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("<slug:jenis>/<slug:fmt>/", views.document_download, name="document-download"),
    path("<slug:jenis>/<slug:fmt>/siapkan/", views.document_prepare, name="document-prepare"),
]
