"""{% picture %}: a stored image as <picture> with its WebP and JPEG (or PNG) renditions.

    {% load pictures %}
    {% picture article.banner article.banner_width article.banner_height article.banner_alt sizes="100vw" lazy=True %}

The renditions' URLs are computed from the image's name and its stored width
(articles/images.py), so rendering a page never touches the disk. lazy=True only for
images below the fold (cards, ...); priority=True for the one picture that is the page's
largest paint (the article's lead banner). An empty alt is still written: alt="" marks
a decorative picture.
"""

from django import template

from articles.images import picture_candidates

register = template.Library()


def _srcset(candidates) -> str:
    if len(candidates) == 1:  # the original alone: a plain URL, its width comes from width=""
        return candidates[0][0]
    return ", ".join(f"{url} {width}w" for url, width in candidates)


@register.inclusion_tag("includes/_picture.html")
def picture(image, width, height, alt="", sizes="100vw", lazy=False, css_class="", priority=False):
    name = getattr(image, "name", None)
    if not name:
        return {"src": ""}
    candidates = picture_candidates(name, width, getattr(image, "storage", None))
    return {
        "src": candidates["src"],
        "webp_srcset": _srcset(candidates["webp"]) if candidates["webp"] else "",
        "srcset": _srcset(candidates["fallback"]) if len(candidates["fallback"]) > 1 else "",
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": "" if alt is None else alt,
        "lazy": lazy,
        "css_class": css_class,
        "priority": priority,
    }
