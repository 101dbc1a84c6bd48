from django.urls import path

from kinerja.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.document_list, name="document-list"),
]
