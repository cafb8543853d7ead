"""The clinic admin's integration tokens: create (shown once), list, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic.permissions import admin_required

from .. import services
from ..forms import IntegrationTokenForm
from ..models import IntegrationToken


def _list(request, *, form=None, status=200):
    tokens = IntegrationToken.objects.for_user(request.user).select_related(
        "created_by", "revoked_by"
    )
    return render(
        request,
        "interop/token_list.html",
        {"tokens": tokens, "form": form or IntegrationTokenForm()},
        status=status,
    )


@admin_required
@require_GET
def token_list(request):
    return _list(request)


@admin_required
@require_POST
def token_create(request):
    form = IntegrationTokenForm(request.POST)
    if not form.is_valid():
        return _list(request, form=form, status=422)
    try:
        token, raw = services.create_integration_token(
            name=form.cleaned_data["name"], by=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _list(request, form=form, status=422)
    # The only time the token is ever shown: a page, never a redirect (it is not stored).
    return render(request, "interop/token_created.html", {"token": token, "raw": raw})


@admin_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(IntegrationToken.objects.for_user(request.user), pk=pk)
    services.revoke_integration_token(token=token, by=request.user)
    messages.success(request, _("“%(name)s” can no longer read the API.") % {"name": token.name})
    return redirect("interop:token-list")
