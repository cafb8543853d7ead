"""The signed-in person's own session, and the language of our pages."""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..forms import LanguageForm
from ..languages import choose_language
from ..middleware import SESSION_LANGUAGE


@require_POST
def session_keepalive(request):
    """'Stay logged in': SessionTimeoutMiddleware has just renewed the session; say how long."""
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    return JsonResponse({"remaining": getattr(request, "session_remaining", 0)})


@require_POST
def set_language(request):
    """Switch the language of our pages, then go back to the page the person was on.

    Signed in, the choice is kept on their account (so a patient's emails follow it too); the
    `django_language` cookie keeps it on this browser, for the login page after logging out."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "")
    # Only a path on this site ("/portal/"): never another host, and never a bare word that a
    # redirect would try to read as the name of a URL.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        choose_language(user=request.user, language=language)
        request.session[SESSION_LANGUAGE] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
