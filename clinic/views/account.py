"""The signed-in person's own session."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def session_keepalive(request):
    """'Stay logged in': SessionTimeoutMiddleware has just renewed the session; say how long."""
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    return JsonResponse({"remaining": getattr(request, "session_remaining", 0)})
