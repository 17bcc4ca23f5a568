"""Form widgets for readers' forms whose typed values may be anything (an address is a form)."""

import datetime

from django import forms


class DatePicker(forms.DateInput):
    """The browser's date picker. A value that is not a date (typed into the address) is
    shown as empty: type="date" may only hold a valid date, and the error says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        value = super().format_value(value)
        try:
            datetime.date.fromisoformat(value or "")
        except ValueError:
            return None
        return value


class YearInput(forms.NumberInput):
    """A year: digits only on phones; anything else typed is shown as empty (type="number")."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value and str(value).isdigit() else None
