from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Đánh giá"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
