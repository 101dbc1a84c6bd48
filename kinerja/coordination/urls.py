from django.urls import path  # noqa: F401

app_name = "coordination"
urlpatterns: list = []  # type: ignore[type-arg]
