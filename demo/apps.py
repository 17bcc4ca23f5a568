from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content (load_demo, generate_articles). Nothing imports it."""

    name = "demo"
    verbose_name = "Nội dung mẫu"
