"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py), for every app:

value|ngay_thang          a date as 02/02/2022
size|dung_luong           a file size as readers read it: "1,2 MB", "350 KB"
"""


def ngay_thang(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def dung_luong(size: int) -> str:
    """Vietnamese decimals use a comma."""
    if size < 1024:
        return f"{size} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = f"{size:.1f}".replace(".", ",") if size < 10 else f"{size:.0f}"
            return f"{text.removesuffix(',0')} {unit}"
    return ""


FILTERS = {"ngay_thang": ngay_thang, "dung_luong": dung_luong}
