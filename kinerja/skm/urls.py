from django.urls import path  # noqa: F401

app_name = "skm"
urlpatterns: list = []  # type: ignore[type-arg]
