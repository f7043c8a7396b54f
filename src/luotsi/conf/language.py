"""The interface language: Finnish unless the user chose another one.

Django's ``LocaleMiddleware`` follows the browser's Accept-Language header, which would show
English to every coach whose browser happens to be in English. Luotsi's users work in
Finnish (or Swedish), so only an explicit choice — the language switcher's cookie — changes
the language; everyone else gets ``LANGUAGE_CODE`` (Finnish).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
