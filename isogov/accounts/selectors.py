"""Reads of accounts. Only the programme lead manages accounts, so views check access before calling these."""
from dataclasses import dataclass

from django.db.models import QuerySet

from isogov.accounts.models import User
from isogov.core.text import fold


@dataclass(frozen=True)
class UserFilters:
    q: str = ""
    role: str = ""
    agency: str = ""  # an agency code
    active: str = ""  # "yes", "no" or ""


def user_list(*, filters: UserFilters) -> QuerySet[User] | list[User]:
    qs = User.objects.select_related("agency").order_by("username")
    if filters.role:
        qs = qs.filter(role=filters.role)
    if filters.agency:
        qs = qs.filter(agency__code__iexact=filters.agency.strip())
    if filters.active in ("yes", "no"):
        qs = qs.filter(is_active=filters.active == "yes")
    if not filters.q:
        return qs
    # A province has hundreds of accounts, not millions: folding in Python keeps the model free of a
    # search column while still matching "nguyen van an" to "Nguyễn Văn An".
    words = fold(filters.q).split()
    return [u for u in qs if all(w in fold(f"{u.username} {u.full_name}") for w in words)]


def get_user(*, pk: int) -> User:
    return User.objects.select_related("agency").get(pk=pk)
