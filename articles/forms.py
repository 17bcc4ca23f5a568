from django import forms
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from core import sitesearch
from core.sites import served_choices
from core.text import search_words
from core.widgets import DatePicker
from images.forms import PhotoModelForm

from .models import Category
from .search import MAX_QUERY_LENGTH, MAX_WORDS


class SearchForm(forms.Form):
    # Its widgets through Jinja2, as the page around them (Django's own widget templates for
    # it): the category select's options cost 0.5 ms a search page in Django's engine.
    default_renderer = Jinja2()

    q = forms.CharField(
        label=_("Từ khóa"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Hãy nhập từ khóa cần tìm."),
            "max_length": _("Từ khóa quá dài (tối đa %(limit_value)d ký tự); hãy nhập ngắn gọn hơn."),
        },
    )
    chuyen_muc = forms.ModelChoiceField(
        label=_("Chuyên mục"),
        queryset=Category.objects.visible(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả chuyên mục"),
        error_messages={"invalid_choice": _("Chuyên mục không tồn tại.")},
    )
    tu_ngay = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=DatePicker(),
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=DatePicker(),
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )

    muc = forms.ChoiceField(
        label=_("Tìm trong"),
        required=False,
        error_messages={"invalid_choice": _("Không có mục “%(value)s” để tìm.")},
    )
    # Only on a site with sites below it (a province): their articles too (articles/from_below.py).
    toan_mang = forms.BooleanField(label=_("Cả tin bài của các xã, phường trực thuộc"), required=False)

    def __init__(self, *args, network: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not network:
            del self.fields["toan_mang"]
        served_choices(self)
        self.fields["muc"].choices = [("", _("Tất cả")), *((kind.slug, kind.label) for kind in sitesearch.kinds())]
        for name in ("tu_ngay", "den_ngay"):
            # The browser's date picker sends 2024-04-30; people type 30/04/2024.
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        data = super().clean()
        words = list(dict.fromkeys(search_words(data.get("q", ""))))
        if "q" in data and not words:
            self.add_error("q", _("Từ khóa cần có ít nhất một chữ hoặc số."))
        elif words and all(len(word) == 1 for word in words):
            # "a", "ở", "1": in nearly every article, nothing a reader could page through.
            self.add_error("q", _("Từ khóa quá ngắn: hãy nhập một từ có ít nhất hai chữ cái hoặc chữ số."))
        data["words"] = words[:MAX_WORDS]
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            self.add_error("den_ngay", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data


class ArticleAdminForm(PhotoModelForm):
    photo_fields = ("lead_image",)


class SiteBannerAdminForm(PhotoModelForm):
    photo_fields = ("image",)
