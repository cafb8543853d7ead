"""Writes about people and the clinic: staff accounts, and their emails."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import audit
from .models import ClinicProfile, User


def password_setup_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def create_staff_member(
    *, first_name: str, last_name: str, email: str, role: str, title: str = "", created_by: User
) -> User:
    """Create a staff account with no usable password and email a link to choose one."""
    if role not in (User.Role.ADMIN, User.Role.THERAPIST):
        raise ValidationError("Staff accounts are therapists or clinic admins.")
    user = User.objects.create_user(
        email=email, first_name=first_name, last_name=last_name, role=role, title=title
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    clinic = ClinicProfile.load()
    context = {"user": user, "clinic": clinic, "link": password_setup_link(user)}
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Your {clinic.name} staff account",
            message=render_to_string("clinic/email/staff_welcome.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    )
    return user


@transaction.atomic
def update_staff_member(*, user: User, changed_by: User, **fields) -> User:
    """Edit a staff account; a change of role is recorded in the audit log."""
    if user == changed_by and fields.get("role") != User.Role.ADMIN:
        raise ValidationError("You cannot remove your own clinic-admin role.")
    old_role = user.role
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    if "role" in fields and fields["role"] != old_role:
        audit.record(
            action=audit.Action.ROLE_CHANGE,
            user=changed_by,
            obj=user,
            detail=f"{user.email}: {old_role} → {user.role}",
        )
    return user


@transaction.atomic
def set_staff_active(*, user: User, active: bool, changed_by: User) -> User:
    """Deactivate or reactivate a staff account. Accounts are never deleted (audit history)."""
    if user == changed_by and not active:
        raise ValidationError("You cannot deactivate your own account.")
    if user.role == User.Role.PATIENT:
        raise ValidationError("Patient accounts are managed from the patient's page.")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=changed_by,
        obj=user,
        detail=f"{user.email}: {'reactivated' if active else 'deactivated'}",
    )
    return user
