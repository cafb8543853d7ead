"""The login page and each role's start page load in a real browser, accessibly."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_login_page_is_accessible(page, live_server, viewport, assert_accessible, shoot):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Log in").is_visible()
    assert_accessible(page)
    shoot(page, f"login-{viewport['width']}")


def test_clinic_admin_reaches_staff_page_by_the_menu(
    page, live_server, admin, login, assert_accessible
):
    page.set_viewport_size(DESKTOP)
    login(page, admin.email, PASSWORD)
    page.get_by_role("link", name="Staff").click()
    assert page.get_by_role("heading", name="Staff").is_visible()
    assert_accessible(page)
