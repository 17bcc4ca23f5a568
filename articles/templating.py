"""What the readers' Jinja2 templates may call, gathered by core/jinja2.py:

absolute_url(path)                     with the request's scheme and host
article_json_ld(article)               the schema.org NewsArticle block
picture(image, width, height, alt, sizes=…, lazy=…, css_class=…, priority=…)
value|ngay_gio   value|ngay   value|iso_datetime   value|date_c
article|modified_at   text|truncatechars(n)
"""

from jinja2 import pass_context

from images.markup import picture

from . import display


@pass_context
def absolute_url(context, path) -> str:
    return display.absolute(context.get("request"), str(path))


@pass_context
def article_json_ld(context, article):
    return display.json_ld(display.article_structured_data(article, context.get("request")))


GLOBALS = {"absolute_url": absolute_url, "article_json_ld": article_json_ld, "picture": picture}
FILTERS = {
    "ngay_gio": display.ngay_gio,
    "ngay": display.ngay,
    "date_c": display.date_c,
    "iso_datetime": display.iso_local,
    "modified_at": display.modified_at,
    "truncatechars": display.shorten,
}
