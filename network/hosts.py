"""Host names as a request sends them and as a site stores them: lower case, no trailing dot,
the port apart (a site answers on any port; its main name may carry one for `make run`)."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

HOST_HELP = _("Chỉ tên miền, không có http:// hay dấu /, ví dụ xaabc.dongthap.gov.vn.")
_is_host = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$",
    _("Tên miền không hợp lệ: chỉ chữ không dấu, số, dấu gạch ngang và dấu chấm, ví dụ xaabc.dongthap.gov.vn."),
)


def normalise_host(host: str) -> str:
    return (host or "").strip().lower().rstrip(".")


def without_port(host: str) -> str:
    if host.startswith("["):  # [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def validate_host_form(host: str) -> None:
    """A well-formed name (or an address such as 127.0.0.1 or [::1]: the IT team's own probes)."""
    if host.startswith("[") or host.replace(".", "").replace(":", "").isdigit():
        return
    _is_host(host)
