"""Every URL that carries a code a person typed survives every code the rules allow.

The routes are read from the URL configuration, so a route added later with a new kind of code fails
here until its codes are described below.
"""
from django.urls import NoReverseMatch, get_resolver, resolve, reverse
from django.urls.resolvers import URLPattern, URLResolver
from hypothesis import given, settings
from hypothesis import strategies as st

from isogov.core.validators import PROCEDURE_CODE_PATTERN
from isogov.registry.models import CODE_PATTERN

# The rule each typed code obeys, by the keyword its routes give it.
CODES = {
    "code": st.from_regex(CODE_PATTERN, fullmatch=True),
    "procedure_code": st.from_regex(PROCEDURE_CODE_PATTERN, fullmatch=True),
}


def routes():
    """(name with namespace, {keyword: converter}) of every named route."""
    found = []

    def walk(patterns, namespace, converters):
        for p in patterns:
            mine = {**converters, **getattr(p.pattern, "converters", {})}
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace, mine)
            elif isinstance(p, URLPattern) and p.name:
                found.append((namespace + p.name, mine))

    walk(get_resolver().url_patterns, "", {})
    return found


def text_keywords():
    """Keywords that take free text (str or path converters), which is where a typed code can break a URL."""
    out = []
    for name, converters in routes():
        texts = [k for k, c in converters.items() if type(c).__name__ in ("StringConverter", "PathConverter")]
        if texts:
            out.append((name, texts, [k for k in converters if k not in texts]))
    return out


def test_every_free_text_keyword_is_a_known_kind_of_code():
    unknown = [(name, k) for name, texts, _others in text_keywords() for k in texts if k not in CODES]
    assert not unknown, "describe these codes in CODES: " + repr(unknown)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_allowed_code_goes_through_every_route_and_comes_back(data):
    for name, texts, others in text_keywords():
        kwargs = {k: data.draw(CODES[k], label=f"{name}:{k}") for k in texts}
        kwargs.update({k: 7 for k in others})
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch as exc:
            raise AssertionError(f"{name} refuses {kwargs}") from exc
        match = resolve(url)
        assert match.view_name == name and {k: str(v) for k, v in match.kwargs.items()} == {
            k: str(v) for k, v in kwargs.items()}, (url, match)
