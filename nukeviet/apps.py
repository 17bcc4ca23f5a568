from django.apps import AppConfig


class NukevietConfig(AppConfig):
    name = "nukeviet"
    verbose_name = "Nhập dữ liệu từ NukeViet"
