from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Vietnamese unless the person chose otherwise with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
    computers run English browsers; the programme's working language is Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """Sends settings.ISOGOV["CONTENT_SECURITY_POLICY"] with every response.

    A fixed policy with no nonces needs one header, so this is a few lines here rather than a dependency
    (django-csp). With DEBUG on, Django's own error pages (inline script and style) go without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.ISOGOV["CONTENT_SECURITY_POLICY"]

    def __call__(self, request):
        response = self.get_response(request)
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
