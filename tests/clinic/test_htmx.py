"""One answer to "is this htmx swapping in part of a page?" for every view."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from clinic.htmx import is_htmx_request, vary_on_htmx


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
        ({"HX-Request": "false"}, False),
    ],
)
def test_only_a_partial_swap_is_an_htmx_request(headers, expected):
    request = RequestFactory().get("/", headers=headers)
    assert is_htmx_request(request) is expected


def test_a_response_that_depends_on_it_varies_on_every_header_it_reads():
    response = vary_on_htmx(HttpResponse())
    assert response["Vary"] == "HX-Request, HX-Boosted, HX-History-Restore-Request"
