from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": "Vui lòng nhập mã."},
    )
