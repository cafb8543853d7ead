"""Staff accounts and the clinic's own details, managed by the clinic admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services
from ..forms import ClinicProfileForm, StaffForm
from ..models import ClinicProfile, User
from ..permissions import admin_required

# --- staff management -------------------------------------------------------------------------


@admin_required
@require_GET
def staff_list(request):
    staff = User.objects.staff_members().order_by("-is_active", "last_name", "first_name")
    return render(request, "clinic/staff_list.html", {"staff": staff})


@admin_required
@require_http_methods(["GET", "POST"])
def staff_create(request):
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_staff_member(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s was added. An email with a link to choose a password is on its way.")
            % {"name": user},
        )
        return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "creating": True})


@admin_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    form = StaffForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff_member(
                user=User.objects.get(pk=member.pk), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("%(name)s was updated.") % {"name": member})
            return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "member": member})


@admin_required
@require_POST
def staff_set_active(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_staff_active(user=member, active=active, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if active:
            messages.success(request, _("%(name)s's account was reactivated.") % {"name": member})
        else:
            messages.success(request, _("%(name)s's account was deactivated.") % {"name": member})
    return redirect("clinic:staff-list")


# --- clinic details ---------------------------------------------------------------------------


@admin_required
@require_http_methods(["GET", "POST"])
def clinic_profile_edit(request):
    profile = ClinicProfile.load()
    form = ClinicProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        labels = [str(form.fields[name].label or name) for name in form.changed_data]
        services.save_clinic_profile(
            profile=form.save(commit=False), changed=labels, by=request.user
        )
        messages.success(request, _("The clinic's details were saved."))
        return redirect("clinic:clinic-profile")
    return render(request, "clinic/clinic_profile_form.html", {"form": form})


@require_GET
def clinic_logo(request):
    """The logo is not patient data; it is shown on the login page too."""
    profile = ClinicProfile.load()
    if not profile.logo:
        raise Http404
    return FileResponse(profile.logo.open("rb"))
