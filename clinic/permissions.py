"""Role checks for views. Reads are scoped by `for_user`; these guard whole pages by role.

An anonymous user is sent to the login page; a logged-in user of the wrong role gets 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def _role_required(test):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _role_required(lambda user: user.is_clinic_staff)
admin_required = _role_required(lambda user: user.is_clinic_admin)
patient_required = _role_required(lambda user: user.is_patient)
# Prescribing (building and publishing home programs) is a clinician's act: therapists only.
therapist_required = _role_required(lambda user: user.is_therapist)
