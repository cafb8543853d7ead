from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from programs.adherence import dashboard_alerts

from . import services
from .forms import ClinicProfileForm, StaffForm
from .models import ClinicProfile, Intake, Patient, RedFlag, User
from .permissions import admin_required, staff_required


@login_required
def home(request):
    """Send each role to its own start page."""
    if request.user.is_clinic_staff:
        return redirect("clinic:dashboard")
    return redirect("programs:portal-home")


@staff_required
def dashboard(request):
    flags = (
        RedFlag.objects.for_user(request.user)
        .open_flags()
        .select_related("patient")
        .order_by("tier", "-created_at")
    )
    recent_intakes = (
        Intake.objects.for_user(request.user)
        .select_related("patient", "therapist")
        .order_by("-updated_at")[:8]
    )
    my_patients = Patient.objects.for_user(request.user).active().filter(therapist=request.user)
    return render(
        request,
        "clinic/dashboard.html",
        {
            "flags": flags,
            "recent_intakes": recent_intakes,
            "my_patient_count": my_patients.count(),
            "portal_alerts": dashboard_alerts(
                request.user, everyone=request.GET.get("checkins") == "all"
            ),
        },
    )


# --- staff management (clinic admin) ---------------------------------------------------------


@admin_required
def staff_list(request):
    staff = User.objects.staff_members().order_by("-is_active", "last_name", "first_name")
    return render(request, "clinic/staff_list.html", {"staff": staff})


@admin_required
def staff_create(request):
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_staff_member(created_by=request.user, **form.cleaned_data)
        messages.success(
            request, f"{user} was added. An email with a link to choose a password is on its way."
        )
        return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "creating": True})


@admin_required
def staff_edit(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    form = StaffForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff_member(
                user=User.objects.get(pk=member.pk), changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, f"{member} was updated.")
            return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "member": member})


@admin_required
@require_POST
def staff_set_active(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_staff_active(user=member, active=active, changed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "reactivated" if active else "deactivated"
        messages.success(request, f"{member}'s account was {verb}.")
    return redirect("clinic:staff-list")


# --- clinic details ---------------------------------------------------------------------------


@admin_required
def clinic_profile_edit(request):
    profile = ClinicProfile.load()
    form = ClinicProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The clinic's details were saved.")
        return redirect("clinic:clinic-profile")
    return render(request, "clinic/clinic_profile_form.html", {"form": form})


@require_GET
def clinic_logo(request):
    """The logo is not patient data; it is shown on the login page too."""
    profile = ClinicProfile.load()
    if not profile.logo:
        raise Http404
    return FileResponse(profile.logo.open("rb"))


# --- operations -------------------------------------------------------------------------------


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
