from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wsis.api"
    verbose_name = "API"
