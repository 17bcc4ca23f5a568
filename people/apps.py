from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """The committee's units and the people in them, by term (Lãnh đạo, Cơ cấu tổ chức)."""

    name = "people"
    verbose_name = "Lãnh đạo và tổ chức"
