"""A rule written once as a Q object, asked of the database and of one loaded object alike.

A queryset filters by the rule (`Article.objects.filter(rule)`); holds(rule, obj)
answers the same question for an object already in memory without a query (the
admin's list marks each row "Hẹn giờ đăng" or "Hết hạn" this way). Only the
lookups the portal's rules use are understood; any other is an error at once,
never a silent wrong answer.
"""

import operator

from django.db.models import Q

_LOOKUPS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _holds_lookup(obj, lookup: str, expected) -> bool:
    name, _, kind = lookup.partition("__")
    value = getattr(obj, name)
    if kind == "isnull":
        return (value is None) == bool(expected)
    compare = _LOOKUPS.get(kind or "exact")
    if compare is None:
        raise ValueError(f"holds() does not know the lookup {lookup}")
    if kind in ("lt", "lte", "gt", "gte") and (value is None or expected is None):
        return False  # as SQL: a comparison with NULL is not true
    return compare(value, expected)


def holds(rule: Q, obj) -> bool:
    """Whether `obj` satisfies `rule`, evaluated in Python as the database would."""
    results = (holds(child, obj) if isinstance(child, Q) else _holds_lookup(obj, *child) for child in rule.children)
    result = all(results) if rule.connector == Q.AND else any(results)
    return not result if rule.negated else result
