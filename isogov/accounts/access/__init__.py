"""The one place that decides who may read or write what.

Views, the API, workflows and notifications call these helpers and never build permission queries of their own:
- rules.py: the roles, the agency scopes (`agency_scope_q`, `agencies_readable`, ...) and `access_agency`;
- objects.py: one `access_<object>(user, ..., write=)` per kind of object, 404 to those who may not read it,
  403 to those who may read but not write;
- duties.py: separation of duties (who may verify, adopt, approve someone else's work).
"""
from isogov.accounts.access.duties import *  # noqa: F403
from isogov.accounts.access.objects import *  # noqa: F403
from isogov.accounts.access.rules import *  # noqa: F403
