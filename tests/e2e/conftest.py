"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
live_server. Playwright cannot download its own browser on our machines, so we launch
/usr/bin/chromium. A missing browser is a failure (with the command to fix it), never a skip:
`make test` installs it when run as root with apt.

Screenshots for reviewing screens (`shoot`, `save_screenshot`) are taken only with
RESTORE_SHOTS=1, under artifacts/screenshots/.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)  # `make quick` leaves the browser out


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_launch_args(base: dict) -> dict:
    """Launch arguments for Debian's Chromium. No Chromium is a failure, with the command that
    fixes it, never a skip: a skipped browser suite would let CI pass without running it."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Run: sudo apt-get install -y chromium",
            pytrace=False,
        )
    return {**base, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return chromium_launch_args(browser_type_launch_args)


@pytest.fixture(autouse=True)
def _close_contexts_left_open(request):
    """Close every browser context a test opened itself (`browser.new_context()`) and left open,
    because it failed first or never closed it: its pages would otherwise go on running their
    timers, keep-alive calls and service workers for the rest of the worker's run (a renderer
    left that way was seen using a tenth of a core for eleven minutes).

    Then wait for the live server to finish the requests it is still answering. On SQLite its
    request threads share the test's in-memory connection, so a request still running (a
    handout being drawn, a save sent just before a failed step) while the database is emptied
    for the next test breaks the flush, and every later test of that worker inherits the rows
    ("UNIQUE constraint failed"). This fixture is torn down before the database is flushed: it
    asks for `transactional_db` first."""
    if "browser" not in request.fixturenames:
        yield
        return
    server = None
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        server = request.getfixturevalue("live_server")
        _one_request_at_a_time(server)
    browser = request.getfixturevalue("browser")
    yield
    for context in browser.contexts:
        context.close()
    if server is not None:
        _wait_for_requests_in_flight()


def _one_request_at_a_time(server) -> None:
    """Let the live server answer one request at a time (its threads still accept connections
    side by side, so a browser's several keep-alive connections never wait on each other).

    On SQLite the tests' database is in memory, and every request thread works on the test's own
    connection: two requests at once share one transaction. Seen on a loaded CI machine: two
    page views appending to the audit log at the same moment, and a save opening a savepoint
    while another request's query was still being read ("cannot open savepoint - SQL
    statements in progress"), each answered with a 500. On PostgreSQL each thread has its own
    connection and nothing needs this, but a test must not pass on one database and fail at
    random on the other."""
    httpd = server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, _Serialized):
        httpd.set_app(_Serialized(app))


class _Serialized:
    """A WSGI application that holds a lock from the call until the response is closed (the
    server closes it after sending the body, and when sending fails)."""

    def __init__(self, app):
        import threading

        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        # A response never closed must not stall the rest of the run: after a minute the
        # request goes ahead as it did before this lock.
        held = self.lock.acquire(timeout=60)
        try:
            result = self.app(environ, start_response)
        except BaseException:
            if held:
                self.lock.release()
            raise
        return _ReleasedOnClose(result, self.lock if held else None)


class _ReleasedOnClose:
    def __init__(self, result, lock):
        self.result = result
        self.lock = lock

    def __iter__(self):
        return iter(self.result)

    def close(self):
        lock, self.lock = self.lock, None
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()
        finally:
            if lock is not None:
                lock.release()


def _wait_for_requests_in_flight(timeout: float = 60.0) -> None:
    """Join the live server's request threads: one per browser connection, named after
    `process_request_thread` by `threading` (the server starts them as daemons, so it keeps no
    list of them to join). With the browser's contexts closed, each ends when its last request
    has been answered."""
    import threading
    import time

    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def page(page):
    """Fail a step within 10 s rather than Playwright's 30 s: every page here is local."""
    page.set_default_timeout(10_000)
    return page


SIZES = {"tablet": TABLET, "phone": PHONE}


def shots_wanted() -> bool:
    """Screenshots are for a person reviewing screens, and cost a browser a full-page render
    each (one per size with `SIZES`): taken only with RESTORE_SHOTS=1. `make test` and CI leave
    them out."""
    return os.environ.get("RESTORE_SHOTS", "").strip() not in ("", "0")


def save_screenshot(page, name: str, *, full_page: bool = True) -> Path | None:
    """Save `page` as artifacts/screenshots/<name>.png (gitignored) when screenshots are wanted."""
    if not shots_wanted():
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def shoot():
    """Save a full-page screenshot under artifacts/screenshots/ (gitignored) for review, when
    RESTORE_SHOTS=1 (see `shots_wanted`); otherwise nothing is taken and the list is empty.

    With `sizes=SIZES` the page is shot once per size, named `<name>-<size>`, and the viewport
    is put back as it was.
    """

    def _shoot(page, name: str, sizes: dict | None = None) -> list[Path]:
        if not shots_wanted():
            return []
        if not sizes:
            return [save_screenshot(page, name)]
        before = page.viewport_size
        paths = []
        for label, size in sizes.items():
            page.set_viewport_size(size)
            # Let resize handlers (Chart.js, sticky bars) catch up before the picture.
            page.wait_for_timeout(100)
            paths.append(save_screenshot(page, f"{name}-{label}"))
        page.set_viewport_size(before)
        page.wait_for_timeout(100)
        return paths

    return _shoot


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page; serious or critical violations fail the test."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _check(page) -> None:
        # Right after a click the new page may still be loading its stylesheets, and colours
        # read before restore.css applies fail the contrast rule at random.
        page.wait_for_load_state("load")
        # A colour caught halfway through a hover transition fails the contrast rule at random:
        # let running CSS transitions end first (infinite animations are left alone).
        page.evaluate(
            """() => Promise.all(document.getAnimations()
                .filter(animation => animation instanceof CSSTransition)
                .map(animation => animation.finished.catch(() => null)))"""
        )
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"Accessibility violations on {page.url}:\n" + "\n".join(bad)

    return _check


@pytest.fixture
def login(live_server):
    """Log in through the real login form, by visible labels."""

    def _login(page, email: str, password: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        # Signed in once the browser has left the login page and the next page has loaded (a
        # wrong password stays on it, and this fails). Not "networkidle": that waits half a
        # second of silence after every sign-in.
        page.wait_for_url(lambda url: "/accounts/login/" not in url, wait_until="load")

    return _login
