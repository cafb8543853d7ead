from django.shortcuts import render

from clinic.permissions import patient_required
from programs.models import Program


@patient_required
def portal_home(request):
    programs = (
        Program.objects.for_user(request.user)
        .select_related("current_revision", "therapist")
        .exclude(status=Program.Status.ARCHIVED)
    )
    return render(request, "portal/home.html", {"programs": programs})
