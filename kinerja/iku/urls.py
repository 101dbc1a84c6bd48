from django.urls import path

from kinerja.iku import views

app_name = "iku"
urlpatterns = [
    path("", views.decree_list, name="decree-list"),
    path("<int:pk>/", views.decree_detail, name="decree-detail"),
]
