"""The read-only FHIR API for integrations, authorised by a per-integration bearer token.

    GET /fhir/metadata                     CapabilityStatement (no token: it holds no patient data)
    GET /fhir/Patient?identifier=<id>      searchset Bundle of the matching Patient
    GET /fhir/Patient/<id>/$everything     the patient's whole record, a searchset Bundle

Every answer is `application/fhir+json` and never cached. A missing, unknown or revoked token
gets 401 with an OperationOutcome; every call with a token, and every refused one, is recorded
in the audit log (a refusal as a failed login of "FHIR API").
"""

from __future__ import annotations

import json
import uuid as uuid_lib
from functools import wraps

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from clinic import audit
from clinic.models import AuditEvent, Patient

from .. import fhir, services
from ..fhir import api as fhir_api
from ..fhir import people, terms

Action = AuditEvent.Action


def fhir_response(body: dict, *, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{fhir_api.MEDIA_TYPE}; charset=utf-8",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _refuse(request, reason: str) -> HttpResponse:
    audit.log_event(request, Action.LOGIN_FAILED, detail=f"FHIR API refused: {reason}")
    response = fhir_response(
        fhir_api.operation_outcome(
            code="login", diagnostics="A valid bearer token is needed (Authorization: Bearer …)."
        ),
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="Restore FHIR API"'
    return response


def _actor(token) -> str:
    return f"integration: {token.name}"


def token_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            return _refuse(request, "no bearer token")
        token = services.authenticate_token(raw.strip())
        if token is None:
            return _refuse(request, "unknown or revoked token")
        request.integration_token = token
        return view(request, *args, **kwargs)

    return wrapper


def _record(request, action: str, *, patient=None, detail: str) -> None:
    audit.record(
        action=action,
        actor=_actor(request.integration_token),
        patient=patient,
        obj=patient,
        detail=detail,
        context=audit.context_from_request(request),
    )


def _patient_by_id(value: str) -> Patient | None:
    try:
        key = uuid_lib.UUID(value)
    except (TypeError, ValueError):
        return None
    return Patient.objects.filter(uuid=key).select_related("therapist").first()


@require_GET
def fhir_metadata(request):
    return fhir_response(fhir_api.capability_statement())


@require_GET
@token_required
def fhir_patient_search(request):
    # "value" or "system|value" (a token search); rpartition leaves the system empty without "|".
    system, _bar, value = request.GET.get("identifier", "").rpartition("|")
    patient = None
    if value and system in ("", terms.patient_identifier_system()):
        patient = _patient_by_id(value)
    resources = [fhir.prune(people.patient_resource(patient))] if patient else []
    _record(
        request,
        Action.VIEW,
        patient=patient,
        detail=f"FHIR Patient search by identifier: {len(resources)} found",
    )
    return fhir_response(fhir_api.searchset(resources, self_link=request.build_absolute_uri()))


@require_GET
@token_required
def fhir_patient_everything(request, id):  # noqa: A002 - the FHIR parameter's name
    patient = _patient_by_id(id)
    if patient is None:
        _record(request, Action.VIEW, detail="FHIR $everything: no such patient")
        return fhir_response(
            fhir_api.operation_outcome(code="not-found", diagnostics="No such patient."),
            status=404,
        )
    bundle = fhir.patient_bundle(patient, kind="searchset", self_link=request.build_absolute_uri())
    _record(
        request,
        Action.EXPORT,
        patient=patient,
        detail=f"FHIR $everything: {len(bundle.get('entry', []))} resources",
    )
    return fhir_response(bundle)
