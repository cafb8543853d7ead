"""Every URL answers 405 to the methods it does not take (PUT, DELETE, PATCH), as the visitor
who may use it: nothing is reached by a method the page was not written for."""

import pytest
from django.urls import reverse

from tests.test_access_matrix import LOGIN, MATRIX, ROLES, login_as, url_names

METHODS = ("PUT", "DELETE", "PATCH")


def _user_of(name: str) -> str | None:
    """A role the row lets through: 200 for a page, any answer but a refusal for an action."""
    row = MATRIX[name]
    allowed = [
        role
        for role in ROLES
        if (row.expected(role) == 200 if row.method == "GET" else row.expected(role) != 403)
        and not (role == "anon" and row.expected(role) == LOGIN)
        and row.expected(role) not in (401, 404)
    ]
    # A signed-in visitor where there is one: the gates in front of a view see a session.
    signed_in = [role for role in allowed if role != "anon"]
    return (signed_in or allowed or [None])[0]


# Every URL pattern of the project (a pattern without a matrix row fails the matrix's own test).
CASES = [(name, _user_of(name)) for name in url_names() if name in MATRIX and _user_of(name)]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_other_methods_are_refused_with_405(client, world, name, role):
    row = MATRIX[name]
    if row.setup:
        row.setup(world)
    login_as(client, world, role)
    url = reverse(name, kwargs=row.kw(world))
    answers = {method: client.generic(method, url).status_code for method in METHODS}
    assert answers == dict.fromkeys(METHODS, 405), f"{name} as {role}"
