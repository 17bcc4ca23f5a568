from django.apps import AppConfig


class ContactConfig(AppConfig):
    """Liên hệ - Góp ý: the office's contacts and the citizens' messages (an inbox for staff)."""

    name = "contact"
    verbose_name = "Liên hệ - Góp ý"
