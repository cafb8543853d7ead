from django.urls import path

from .views import access, api, tokens

app_name = "interop"

urlpatterns = [
    # The patient's own record, in the portal.
    path("portal/record/", access.portal_record, name="portal-record"),
    path("portal/record/request/", access.portal_record_request, name="portal-record-request"),
    path(
        "portal/record/<uuid:uuid>/download/",
        access.portal_record_download,
        name="portal-record-download",
    ),
    # Staff, from the patient's page.
    path(
        "patients/<uuid:uuid>/record-access/",
        access.patient_record_access,
        name="patient-record-access",
    ),
    path(
        "patients/<uuid:uuid>/record-access/request/",
        access.patient_record_request,
        name="patient-record-request",
    ),
    path(
        "patients/<uuid:uuid>/record-access/export/",
        access.patient_record_export,
        name="patient-record-export",
    ),
    # The clinic admin: requests and their deadlines, integration tokens.
    path("record-requests/", access.access_request_list, name="access-request-list"),
    path(
        "record-requests/<uuid:uuid>/fulfil/",
        access.access_request_fulfil,
        name="access-request-fulfil",
    ),
    path(
        "record-requests/<uuid:uuid>/extend/",
        access.access_request_extend,
        name="access-request-extend",
    ),
    path("integrations/", tokens.token_list, name="token-list"),
    path("integrations/new/", tokens.token_create, name="token-create"),
    path("integrations/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
    # The read-only FHIR API (bearer tokens).
    path("fhir/metadata", api.fhir_metadata, name="fhir-metadata"),
    path("fhir/Patient", api.fhir_patient_search, name="fhir-patient-search"),
    path(
        "fhir/Patient/<str:id>/$everything",
        api.fhir_patient_everything,
        name="fhir-patient-everything",
    ),
]
