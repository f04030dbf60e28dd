"""Reads of accounts. Only the programme lead manages accounts, so views check access before calling these."""
from django import forms
from django.db.models import QuerySet

from isogov.accounts.filters import UserFilter
from isogov.accounts.models import User
from isogov.core.text import fold


def user_list(*, data) -> tuple[forms.Form, QuerySet[User] | list[User]]:
    """The filter form for the query `data` (filters.UserFilter) and the accounts it keeps."""
    found = UserFilter(data, queryset=User.objects.select_related("agency").order_by("username"))
    qs = found.qs
    q = found.form.cleaned_data.get("q")
    if not q:
        return found.form, qs
    # A province has hundreds of accounts, not millions: folding in Python keeps the model free of a
    # search column while still matching "nguyen van an" to "Nguyễn Văn An".
    words = fold(q).split()
    return found.form, [u for u in qs if all(w in fold(f"{u.username} {u.full_name}") for w in words)]


def get_user(*, pk: int) -> User:
    return User.objects.select_related("agency").get(pk=pk)
