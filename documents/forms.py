from django import forms
from django.utils import timezone

from core.sites import served_choices
from core.text import search_words
from core.widgets import YearInput

from .models import DocumentType, Field, Issuer

MAX_QUERY_LENGTH = 200


class RegisterFilterForm(forms.Form):
    """The register's filters; each is a query parameter, so a filtered list has its own address."""

    q = forms.CharField(
        label="Số, ký hiệu hoặc nội dung",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": "Từ khóa quá dài (tối đa %(limit_value)d ký tự)."},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Ví dụ: 15-NQ/HU"}),
    )
    loai = forms.ModelChoiceField(
        label="Loại văn bản",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Không có loại văn bản này."},
    )
    co_quan = forms.ModelChoiceField(
        label="Cơ quan ban hành",
        queryset=Issuer.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Không có cơ quan ban hành này."},
    )
    linh_vuc = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Field.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Không có lĩnh vực này."},
    )
    nam = forms.IntegerField(
        label="Năm ban hành",
        required=False,
        min_value=1930,
        error_messages={"invalid": "Năm phải là một số, ví dụ 2024.", "min_value": "Năm không hợp lệ."},
        widget=YearInput(attrs={"inputmode": "numeric", "placeholder": "Ví dụ: 2024"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        served_choices(self)

    def clean_nam(self):
        year = self.cleaned_data["nam"]
        if year is not None and year > timezone.localdate().year + 1:
            raise forms.ValidationError("Năm không hợp lệ.")
        return year

    def clean(self):
        data = super().clean()
        data["words"] = search_words(data.get("q") or "")[:12]
        return data

    def filters(self) -> dict:
        """The valid filters only: a wrong one is reported, and the others still apply."""
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in ("loai", "co_quan", "linh_vuc", "nam") if data.get(name)}
