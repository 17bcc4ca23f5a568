"""The Jinja2 environment of the public pages (templates/jinja2/).

Readers' pages are rendered by Jinja2, which compiles each template to Python
once: the article page took 4.4 ms in Django's template language. The admin
keeps Django templates (templates/django/).

What the templates have besides Jinja2's own globals and filters:

    static("css/site.css")                 hashed address of a static file
    url("articles:home"), url("rss_category", slug)     reverse(), remembered
    absolute_url(path)                     with the request's scheme and host
    article_json_ld(article)               the schema.org NewsArticle block
    picture(image, width, height, alt, sizes=…, lazy=…, css_class=…, priority=…)
    value|ngay_gio   value|ngay   value|iso_datetime   value|date_c
    article|modified_at   text|truncatechars(n)   text|truncatewords(n)
    number|floatformat(1)                  Vietnamese decimal comma, as in Django

Autoescaping is on; Django's safe strings (form fields, mark_safe) are not escaped again.
"""

from functools import lru_cache

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from jinja2 import Environment, pass_context

from articles import display


def url(name, *args) -> str:
    return _reverse(get_script_prefix(), name, args)


@lru_cache(maxsize=4096)
def _reverse(prefix, name, args) -> str:
    # The URL patterns do not change while the process runs.
    return reverse(name, args=args or None)


# The manifest of hashed static files is read once, when the process starts.
static = lru_cache(maxsize=256)(static)


@pass_context
def absolute_url(context, path) -> str:
    return display.absolute(context.get("request"), str(path))


@pass_context
def article_json_ld(context, article):
    return display.json_ld(display.article_structured_data(article, context.get("request")))


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.globals.update(
        static=static,
        url=url,
        absolute_url=absolute_url,
        article_json_ld=article_json_ld,
        picture=display.picture,
    )
    env.filters.update(
        ngay_gio=display.ngay_gio,
        ngay=display.ngay,
        date_c=display.date_c,
        iso_datetime=display.iso_local,
        modified_at=display.modified_at,
        truncatechars=display.shorten,
        truncatewords=defaultfilters.truncatewords,
        floatformat=defaultfilters.floatformat,
    )
    return env
