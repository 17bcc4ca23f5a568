from django.apps import AppConfig


class NavigationConfig(AppConfig):
    """The main menu and the "Liên kết website" block, edited in the admin, on every page."""

    name = "navigation"
    verbose_name = "Menu và liên kết"
