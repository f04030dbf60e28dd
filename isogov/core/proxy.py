"""The client's address, for the login lockout (django-axes calls client_ip through AXES_CLIENT_IP_CALLABLE)."""
import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR when isogov is reached directly; behind ISOGOV["PROXY_COUNT"] trusted proxies, the address
    the outermost of them received the request from.

    Each proxy appends the address it saw to the header, so the client's is the PROXY_COUNT-th from the right.
    Everything to its left was written by the client itself and would let anyone pose as anyone.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.ISOGOV["PROXY_COUNT"]
    if count <= 0:
        return remote
    header = request.META.get(settings.ISOGOV["PROXY_CLIENT_IP_HEADER"], "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # not through every proxy (e.g. a health check from the proxy's own host)
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
