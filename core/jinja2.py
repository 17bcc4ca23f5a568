"""The Jinja2 environment of the readers' pages (templates/jinja2/).

Readers' pages are rendered by Jinja2, which compiles each template to Python
once: the article page took 4.4 ms in Django's template language. The admin
keeps Django templates (templates/django/).

Besides Jinja2's own, the templates have:

    static("css/site.css")                 hashed address of a static file
    inline_style(), inline_script()        the head's critical CSS and text-size script (core/inline.py)
    url("articles:home"), url("rss_category", slug)     reverse(), remembered
    number|floatformat(1)   text|truncatewords(n)     as Django's filters

and what each installed app lists in its `templating.py` (GLOBALS and FILTERS
dicts: articles/templating.py has the date lines, <picture>, JSON-LD ...), so that
this module knows no app. Autoescaping is on; Django's safe strings (form
fields, mark_safe) are not escaped again.
"""

from functools import lru_cache
from importlib import import_module

from django.apps import apps
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.module_loading import module_has_submodule
from jinja2 import Environment

from .inline import inline_script, inline_style


def url(name, *args) -> str:
    return _reverse(get_script_prefix(), name, args)


@lru_cache(maxsize=4096)
def _reverse(prefix, name, args) -> str:
    # The URL patterns do not change while the process runs.
    return reverse(name, args=args or None)


def app_templating():
    """The `templating` module of every installed app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "templating"):
            yield import_module(f"{config.name}.templating")


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    # The manifest of hashed static files is read once, when the process starts.
    env.globals.update(
        static=lru_cache(maxsize=256)(static), url=url, inline_style=inline_style, inline_script=inline_script
    )
    env.filters.update(truncatewords=defaultfilters.truncatewords, floatformat=defaultfilters.floatformat)
    for module in app_templating():
        env.globals.update(getattr(module, "GLOBALS", {}))
        env.filters.update(getattr(module, "FILTERS", {}))
    return env
