"""The portal offline, on a phone: the saved program with its pictures, a log made with the
network cut and sent when it is back (for the day it was made), and nothing left after log out.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from clinic.models import RedFlag
from programs.models import SessionLog
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import open_log_out
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with

SAVED_NAMES = """async () => (await caches.keys()).filter(n => n.startsWith("restore-offline"))"""
SAVED_URLS = """async () => {
  const names = (await caches.keys())
    .filter(n => n.startsWith("restore-offline-") && !n.endsWith("meta"));
  const urls = [];
  for (const name of names) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""
QUEUED = """() => new Promise(resolve => {
  const open = indexedDB.open("restore-offline", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("queue", { keyPath: "uuid" });
  open.onsuccess = () => {
    const request = open.result.transaction("queue").objectStore("queue").getAll();
    request.onsuccess = () => { open.result.close(); resolve(request.result); };
  };
})"""


# A function, not a bare expression: Playwright polls a bare expression with eval() in the page,
# which our CSP refuses whenever the worker is not in control at the first look.
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def _saved(page, url: str) -> None:
    """Wait until the service worker has saved `url` (it does so just after the page loads)."""
    for _ in range(50):
        if url in page.evaluate(SAVED_URLS):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} was not saved for offline use: {page.evaluate(SAVED_URLS)}")


def _log_out(page) -> None:
    """Press "Log out" in the account menu (behind the menu button on a phone)."""
    open_log_out(page).click()


def test_program_offline_log_queued_then_sent_and_nothing_left_after_logout(
    browser, live_server, patient_record, therapist, login, shoot, assert_accessible
):
    program = program_with(patient_record, items=2)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    program_url = f"{live_server.url}/portal/programs/{program.uuid}/"
    log_url = f"{program_url}log/"
    # Opened online (through the worker), each page is saved with its pictures.
    page.goto(program_url)
    _saved(page, program_url)
    page.goto(log_url)
    _saved(page, log_url)
    page.goto(program_url)
    _saved(page, program_url)
    saved = page.evaluate(SAVED_URLS)
    figures = {u for u in saved if u.endswith("animated.svg")}
    assert len(figures) == 2, figures
    assert any(".woff2" in u for u in saved), "the icon font is saved too"
    follow_url = f"{program_url}exercises/1/follow/"
    page.goto(follow_url)
    _saved(page, follow_url)
    page.goto(program_url)
    # The worker saves the page again after each visit: wait for it before the network goes.
    _saved(page, program_url)

    context.set_offline(True)
    page.reload()
    expect(page.locator("[data-offline-banner]")).to_contain_text(
        "You are offline — showing your saved program."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(program.title)
    # No session countdown on a saved copy: offline, nothing can end or renew the session.
    assert page.evaluate("document.body.dataset.sessionTimeout") is None
    pictures = page.locator(".exercise-figure img")
    expect(pictures).to_have_count(2)
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
    shoot(page, "offline-program-phone")
    assert_accessible(page)
    page.goto(follow_url)  # a follow-along page opened before is there too, with its timer
    expect(page.locator("[data-offline-banner]")).to_be_visible()
    expect(page.locator("[data-follow]")).to_be_visible()

    # A log made offline is kept on the phone, for the day chosen.
    page.goto(log_url)
    expect(page.locator("[data-offline-banner]")).to_be_visible()
    page.locator('input[name="exercises_done"][value="1"]').check()
    page.locator('label[for="id_back_pain_3"]').click()
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('input[name="leg_symptoms"][value="same"]').check()
    page.locator("input[data-none]").check()
    yesterday = page.get_by_label("Yesterday", exact=False)
    made_for = timezone.localdate()
    if yesterday.count():
        yesterday.first.check()
        made_for -= timedelta(days=1)
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_contain_text(
        "Saved on this phone, and it will be sent when you are back online"
    )
    shoot(page, "offline-log-queued-phone")
    assert_accessible(page)
    assert not SessionLog.objects.filter(program=program).exists()
    queued = page.evaluate(QUEUED)
    assert [row["date"] for row in queued] == [made_for.isoformat()]
    page.goto(program_url)
    expect(page.locator("[data-offline-waiting]")).to_contain_text(
        "One log made offline will be sent when you are back online."
    )

    # Back online: it is sent at once, for the day it was made, and only once.
    context.set_offline(False)
    expect(page.get_by_text("made offline, has been sent to your clinic")).to_be_visible()
    expect(page.locator("[data-offline-waiting]")).to_have_count(0)  # nothing says it waits
    log = SessionLog.objects.get(program=program)
    assert log.date == made_for
    assert (log.back_pain, log.leg_pain, log.exercises_done) == (3, 2, [1])
    assert page.evaluate(QUEUED) == []

    staff = browser.new_context(viewport=PHONE)
    staff_page = staff.new_page()
    login(staff_page, therapist.email, PASSWORD)
    staff_page.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    expect(staff_page.locator(".adherence-card")).to_contain_text(
        f"logged {made_for.day} {made_for:%b}"
    )
    staff.close()

    # Logging out leaves no saved program behind.
    assert page.evaluate(SAVED_NAMES)
    page.goto(program_url)
    _log_out(page)
    page.wait_for_url("**/accounts/login/")
    page.wait_for_timeout(300)
    assert page.evaluate(SAVED_NAMES) == []
    context.close()


def test_an_expired_session_clears_the_saved_program_but_sends_the_log_after_login(
    browser, live_server, patient_record, login
):
    from django.contrib.sessions.models import Session

    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    _saved(page, log_url)

    context.set_offline(True)
    page.reload()
    page.locator('label[for="id_back_pain_2"]').click()
    page.locator('label[for="id_leg_pain_1"]').click()
    page.locator('input[name="leg_symptoms"][value="moved_up"]').check()
    page.locator("input[data-none]").check()
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_be_visible()

    # The session ends while the phone is offline: the queued log is refused by the login
    # page when the network returns, so it stays queued.
    Session.objects.all().delete()
    context.set_offline(False)
    page.wait_for_timeout(1000)
    assert len(page.evaluate(QUEUED)) == 1
    assert not SessionLog.objects.filter(program=program).exists()

    # The session-expired page deletes the saved program, not the patient's own log...
    page.goto(f"{live_server.url}/portal/")
    page.wait_for_url("**/accounts/login/**")
    page.wait_for_timeout(300)
    assert page.evaluate(SAVED_NAMES) == []
    assert len(page.evaluate(QUEUED)) == 1

    # ...which is sent once the same patient is back.
    login(page, patient_record.user.email, PASSWORD)
    expect(page.get_by_text("made offline, has been sent to your clinic")).to_be_visible()
    assert SessionLog.objects.get(program=program).leg_symptoms == "moved_up"
    assert page.evaluate(QUEUED) == []
    context.close()


def test_logging_out_sends_the_queue_first_and_asks_before_deleting_an_unsent_log(
    browser, live_server, patient_record, login
):
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    _saved(page, log_url)
    context.set_offline(True)
    page.reload()
    page.locator('label[for="id_back_pain_4"]').click()
    page.locator('label[for="id_leg_pain_4"]').click()
    page.locator('input[name="leg_symptoms"][value="same"]').check()
    page.locator("input[data-none]").check()
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_be_visible()

    # Offline, the log cannot be sent: the patient is asked, and may stay.
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    _log_out(page)
    page.wait_for_timeout(500)
    assert questions and questions[0].startswith("One log made offline could not be sent yet")
    assert len(page.evaluate(QUEUED)) == 1
    assert page.evaluate(SAVED_NAMES)
    page.remove_listener("dialog", dismiss)

    # Online, logging out sends it first, then leaves nothing behind.
    page.on("dialog", lambda dialog: questions.append(dialog.message) or dialog.dismiss())
    context.set_offline(False)
    _log_out(page)
    page.wait_for_url("**/accounts/login/")
    page.wait_for_timeout(300)
    assert len(questions) == 1
    assert SessionLog.objects.get(program=program).back_pain == 4
    assert page.evaluate(SAVED_NAMES) == []
    assert page.evaluate(QUEUED) == []
    context.close()


def test_the_portal_is_installable_in_chromium(browser, live_server, patient_record, login):
    program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    page.reload()
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert not manifest["errors"], manifest["errors"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito windows, where Chromium never offers to install.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    context.close()


def test_another_login_on_the_phone_replaces_the_saved_copy(
    browser, live_server, patient_record, login
):
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    program_url = f"{live_server.url}/portal/programs/{program.uuid}/"
    page.goto(program_url)
    _saved(page, program_url)
    mine = page.evaluate(SAVED_NAMES)
    # Another login's page asks the worker to keep its own copy: this one's goes first.
    page.evaluate(
        """() => new Promise(resolve => {
          // Wait for this request's answer, not the page's own "keep" finishing meanwhile.
          navigator.serviceWorker.addEventListener("message", event => {
            if (event.data && event.data.id === "0123456789abcdef01234567") resolve();
          });
          navigator.serviceWorker.controller.postMessage(
            { type: "keep", id: "0123456789abcdef01234567", urls: [] });
        })"""
    )
    left = page.evaluate(SAVED_NAMES)
    assert "restore-offline-0123456789abcdef01234567" in left
    assert not set(mine) - {"restore-offline-meta"} & set(left)
    context.close()


PUT_QUEUED = """entries => new Promise(resolve => {
  const open = indexedDB.open("restore-offline", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("queue", { keyPath: "uuid" });
  open.onsuccess = () => {
    const tx = open.result.transaction("queue", "readwrite");
    entries.forEach(entry => tx.objectStore("queue").put(
      { ...entry, user: document.body.dataset.sessionUser, madeAt: Date.now() }));
    tx.oncomplete = () => { open.result.close(); resolve(); };
  };
})"""


def test_a_queued_log_the_server_cannot_take_is_explained_once(
    browser, live_server, patient_record, login
):
    program = program_with(patient_record, items=1)
    too_old = (timezone.localdate() - timedelta(days=5)).isoformat()
    fields = [
        ["back_pain", "3"],
        ["leg_pain", "3"],
        ["leg_symptoms", "same"],
        ["none_of_these", "on"],
    ]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.evaluate(
        PUT_QUEUED,
        [
            {
                "uuid": "8f0c3c1e-6f4a-4b43-9d7e-111111111111",
                "action": f"{live_server.url}/portal/programs/{program.uuid}/log/",
                "date": too_old,
                "fields": [*fields, ["date", too_old]],
            },
            {
                "uuid": "8f0c3c1e-6f4a-4b43-9d7e-222222222222",
                "action": f"{live_server.url}/portal/programs/{patient_record.uuid}/log/",
                "date": timezone.localdate().isoformat(),
                "fields": fields,
            },
        ],
    )
    page.reload()
    notices = page.locator(".offline-notice.alert-danger")
    expect(notices).to_have_count(2)
    expect(notices.first).to_contain_text("could not be saved")
    # The day too far back is told with the server's own reason.
    expect(notices.filter(has_text="yesterday or the day before")).to_have_count(1)
    assert page.evaluate(QUEUED) == []
    assert not SessionLog.objects.filter(program=program).exists()
    page.reload()
    expect(page.locator(".offline-notice")).to_have_count(0)
    context.close()


LOG_POST = "**/portal/programs/*/log/"


def _fill_log(page, back: int) -> None:
    page.locator(f'label[for="id_back_pain_{back}"]').click()
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('input[name="leg_symptoms"][value="same"]').check()
    page.locator("input[data-none]").check()


def test_a_log_sent_while_the_phone_says_online_but_the_network_fails_is_queued_and_sent_once(
    browser, live_server, patient_record, login, shoot
):
    """'Lie-fi': the phone reports a connection, the log's POST fails all the same. The page
    stays, says the log is kept on the phone, and the log arrives once, for its day, when a
    request next goes through; also when the server had saved it and only its answer was lost."""
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    page.wait_for_function(CONTROLLED)

    # The network fails before the server hears of the log. (context.route: the service worker
    # sends the form's POST, and a page's own routes never see a worker's requests.)
    def no_network(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    context.route(LOG_POST, no_network)
    _fill_log(page, back=3)
    yesterday = page.get_by_label("Yesterday", exact=False)
    made_for = timezone.localdate() - timedelta(days=1)
    yesterday.check()
    client_uuid = page.locator('input[name="client_uuid"]').input_value()
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_contain_text(
        "Saved on this phone, and it will be sent when you are back online"
    )
    shoot(page, "liefi-log-queued-phone")
    assert page.url == log_url  # no browser error page
    assert page.evaluate("() => navigator.onLine") is True
    assert not SessionLog.objects.filter(program=program).exists()
    queued = page.evaluate(QUEUED)
    assert [(row["uuid"], row["date"]) for row in queued] == [(client_uuid, made_for.isoformat())]

    # The network works again, with no "online" event: the page tries again by itself.
    context.unroute(LOG_POST)
    expect(page.get_by_text("made offline, has been sent to your clinic")).to_be_visible(
        timeout=20_000
    )
    log = SessionLog.objects.get(program=program)
    assert (log.date, log.back_pain, log.late) == (made_for, 3, True)
    assert str(log.client_uuid) == client_uuid
    assert page.evaluate(QUEUED) == []
    # The draft went with the queue: the log page opens empty.
    page.goto(log_url)
    expect(page.locator("[data-log-draft-restored]")).to_have_count(0)

    # The server saves the log but its answer is lost: sent again, it is still one log.
    # (The page's own first try to send the queue meets the network still down.)
    posts = []

    def answer_lost(route):
        if route.request.method != "POST":
            route.continue_()
            return
        posts.append(route.request)
        if len(posts) == 1:
            route.fetch()
        route.abort("connectionreset")

    context.route(LOG_POST, answer_lost)
    _fill_log(page, back=5)
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_be_visible()
    assert SessionLog.objects.filter(program=program, back_pain=5).count() == 1
    context.unroute(LOG_POST)
    page.goto(f"{live_server.url}/portal/")  # the next page sends the queue at once
    expect(page.get_by_text("made offline, has been sent to your clinic")).to_be_visible()
    assert page.evaluate(QUEUED) == []
    assert SessionLog.objects.filter(program=program, back_pain=5).count() == 1
    assert SessionLog.objects.filter(program=program).count() == 2
    context.close()


def test_an_answer_missing_is_shown_next_to_its_question_under_the_service_worker(
    browser, live_server, patient_record, login
):
    """The worker only answers for the log's POST when no answer comes: the server's own page
    (here the form again, with its message next to the question) is shown as it came."""
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    page.wait_for_function(CONTROLLED)
    page.locator('label[for="id_back_pain_3"]').click()
    page.locator("input[data-none]").check()  # the legs' question left unanswered
    page.locator("form.log-form button[type=submit]").click()
    question = page.locator("fieldset", has=page.locator('input[name="leg_symptoms"]'))
    expect(question.locator(".invalid-feedback")).to_be_visible()
    expect(page.locator("[data-offline-queued]")).to_have_count(0)
    assert page.evaluate(QUEUED) == []
    assert not SessionLog.objects.filter(program=program).exists()
    # Answered, it is saved, and the server's redirect and message come through the worker.
    page.wait_for_function(CONTROLLED)
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('input[name="leg_symptoms"][value="same"]').check()
    page.locator("form.log-form button[type=submit]").click()
    expect(page.get_by_text("Saved — thank you.")).to_be_visible()
    assert "/log/" not in page.url
    assert SessionLog.objects.filter(program=program).count() == 1
    context.close()


def test_a_log_with_no_answer_for_half_a_minute_is_kept_on_the_phone(
    browser, live_server, patient_record, login
):
    """A network that takes the request and never answers (the page would spin for minutes):
    after 30 s the worker gives up, and the log is queued like one whose network failed."""
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    page.goto(f"{live_server.url}/portal/programs/{program.uuid}/log/")
    page.wait_for_function(CONTROLLED)
    held = []
    context.route(
        LOG_POST,
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    _fill_log(page, back=2)
    # Sent from the page's script: a click would wait for the navigation it starts.
    page.evaluate(
        "() => setTimeout(() => document.querySelector('form.log-form').requestSubmit(), 0)"
    )
    expect(page.locator("[data-offline-queued]")).to_be_visible(timeout=40_000)
    assert held, "the log's POST was held, never answered"
    assert len(page.evaluate(QUEUED)) == 1
    assert not SessionLog.objects.filter(program=program).exists()
    context.close()


def test_a_waiting_safety_answer_sent_by_itself_into_a_failed_network_is_kept_and_sent(
    browser, live_server, patient_record, login
):
    """A ticked safety answer left on the log page is sent by log-draft.js on the next page,
    without a submit event: a failed network keeps it in the queue all the same, and it is
    sent, with its instructions shown, as soon as the network works."""
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.wait_for_function(CONTROLLED)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    page.get_by_label("Any new trouble peeing, or leaking?").check()
    context.route(
        LOG_POST,
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    # Back to the log page, which sends it at once (a navigation that never ends: no "load").
    page.goto(f"{live_server.url}/portal/", wait_until="commit")
    expect(page.locator("[data-offline-queued]")).to_be_visible()
    assert page.url == log_url
    assert not RedFlag.objects.exists()
    context.unroute(LOG_POST)
    expect(
        page.get_by_role("heading", name="Call 911 or go to the nearest emergency department now")
    ).to_be_visible(timeout=20_000)
    assert RedFlag.objects.get(patient=patient_record).code == "ces_bladder"
    assert page.evaluate(QUEUED) == []
    context.close()


def test_a_log_sent_before_the_worker_is_in_control_is_kept_when_the_network_fails(
    browser, live_server, patient_record, login
):
    """No worker answers for the log (the first page after signing in, a reload that bypassed
    it, a browser without one): the page tries the form first, keeps it on the phone when no
    answer comes, not the browser's error page, and sends it once when the network is back. A
    log the server answers goes as usual: its redirect and message, one log."""
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    log_url = f"{live_server.url}/portal/programs/{program.uuid}/log/"
    page.goto(log_url)
    assert page.evaluate("() => !navigator.serviceWorker || !navigator.serviceWorker.controller")

    def no_network(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(LOG_POST, no_network)  # without a worker, the page's own routes see the POST
    _fill_log(page, back=4)
    client_uuid = page.locator('input[name="client_uuid"]').input_value()
    page.locator("form.log-form button[type=submit]").click()
    expect(page.locator("[data-offline-queued]")).to_be_visible()
    assert page.url == log_url  # no browser error page
    assert [row["uuid"] for row in page.evaluate(QUEUED)] == [client_uuid]
    page.unroute(LOG_POST)
    expect(page.get_by_text("made offline, has been sent to your clinic")).to_be_visible(
        timeout=20_000
    )
    assert str(SessionLog.objects.get(program=program).client_uuid) == client_uuid

    page.goto(log_url)
    _fill_log(page, back=6)
    page.locator("form.log-form button[type=submit]").click()
    expect(page.get_by_text("Saved — thank you.")).to_be_visible()
    assert "/log/" not in page.url
    assert SessionLog.objects.filter(program=program, back_pain=6).count() == 1
    assert page.evaluate(QUEUED) == []
    context.close()
