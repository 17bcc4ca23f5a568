"""The admin's index: the work waiting for this person (templates/django/admin/index.html)."""

from django import template

from core.workflow import waiting_for_review

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue(context) -> list[dict]:
    return waiting_for_review(context["request"])
