from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Logging in: the lockout after failed passwords (django-axes) and the second step
    (django-otp): an authenticator app's code, or a one-time recovery code."""

    name = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from . import display, receivers  # noqa: F401 - receivers logs each lockout on one line

        display.install()  # the admin's last English displays (yes/no flags, login records)
