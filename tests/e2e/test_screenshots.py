"""Screenshots for reviewing screens: taken with RESTORE_SHOTS=1, skipped otherwise (they are the
costliest step of a browser journey, and `make test` only needs the assertions)."""

import pytest

from tests.e2e import conftest as e2e

PAGE = """<!doctype html><title>Shot</title>
<main style="height: 1500px"><h1>A page taller than the screen</h1></main>"""
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def artifacts(monkeypatch, tmp_path):
    monkeypatch.setattr(e2e, "ARTIFACTS", tmp_path / "screenshots")
    return tmp_path / "screenshots"


def test_with_restore_shots_the_shooter_writes_one_full_page_picture_per_size(
    page, shoot, artifacts, monkeypatch
):
    monkeypatch.setenv("RESTORE_SHOTS", "1")
    page.set_viewport_size(e2e.DESKTOP)
    page.set_content(PAGE)

    paths = shoot(page, "review", e2e.SIZES)

    assert paths == [artifacts / "review-tablet.png", artifacts / "review-phone.png"]
    for path in paths:
        assert path.read_bytes().startswith(PNG)
    assert page.viewport_size == e2e.DESKTOP  # put back as it was
    [single] = shoot(page, "review-once")
    assert single == artifacts / "review-once.png"
    assert single.read_bytes().startswith(PNG)
    # Full page: the picture is as tall as the page, not the 800 px window.
    height = int.from_bytes(single.read_bytes()[20:24], "big")
    assert height >= 1500


@pytest.mark.parametrize("value", ["", "0"])
def test_without_restore_shots_nothing_is_taken(page, shoot, artifacts, monkeypatch, value):
    monkeypatch.setenv("RESTORE_SHOTS", value)
    page.set_content(PAGE)

    assert shoot(page, "review", e2e.SIZES) == []
    assert shoot(page, "review-once") == []
    assert e2e.save_screenshot(page, "first-screen", full_page=False) is None
    assert not artifacts.exists()
