"""The browser suite never skips itself: without Chromium it fails, and says how to install it."""

import os

import pytest

from tests.e2e import conftest


@pytest.mark.parametrize("ci", ["true", None])
def test_missing_chromium_fails_instead_of_skipping(monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(os, "access", lambda path, mode: False)

    # Catch everything: had it called pytest.skip, that would otherwise skip this test too.
    try:
        conftest.chromium_launch_args({"headless": True})
    except BaseException as raised:
        outcome = raised
    else:
        outcome = None

    assert type(outcome) is pytest.fail.Exception, f"expected a failure, got {outcome!r}"
    assert "sudo apt-get install -y chromium" in str(outcome)


def test_installed_chromium_is_launched_with_the_required_flags(monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: path == conftest.CHROMIUM)

    args = conftest.chromium_launch_args({"headless": True})

    assert args["executable_path"] == "/usr/bin/chromium"
    assert args["headless"] is True
    for flag in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"):
        assert flag in args["args"]
