"""The community's forms."""

from django import forms


# Messages -------------------------------------------------------------------------------
class MessageForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Message", max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your answer", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
