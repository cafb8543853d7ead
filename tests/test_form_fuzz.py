"""Every form of the project under hostile input: never a 500, and a refused form saves nothing.

For each URL of the access matrix that takes a POST, and each page with a filter form, as every
role that may use it, Hypothesis sends the page's own form with some fields replaced by
hostile values: numbers too large for any column and negative ones, NUL bytes, 10,000
characters of Latin, Arabic, Chinese or emoji text, dates at the ends of the calendar, fields
left out or sent twice, tampered formset management forms and ids of other rows. The field
names come from the form as a GET of the page renders it (read with html.parser), plus the
matrix row's `data`.

A request that answers with a form error (400, 422, or a 200 showing an invalid form) must
leave every table as it was. Each example runs in a savepoint that is rolled back, so examples
never see each other's rows. The loaded Hypothesis profile (tests/conftest.py) sets how many
examples each URL gets: a few locally, many in CI.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.forms import BaseForm, BaseFormSet
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import test_access_matrix as matrix

pytestmark = pytest.mark.slow  # the database comes with `world` (tests/conftest.py)

REFUSED = (400, 422)


# --- reading forms from a page --------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str  # a path
    fields: list[tuple[str, str]] = field(default_factory=list)  # what a browser would send
    offered: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def names(self) -> list[str]:
        return sorted(set(self.offered) | {name for name, _ in self.fields})


class FormParser(HTMLParser):
    """The forms of a page: inputs, selects, textareas and named buttons, as a browser sees them.

    Rows inside <template> (a formset's empty row, `__prefix__`) are not sent by a browser.
    """

    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.forms: list[Form] = []
        self._by_id: dict[str, Form] = {}
        self._current: Form | None = None
        self._late: list[tuple[str, str, dict]] = []  # controls outside their form (form="id")
        self._select: tuple[Form, str, bool, list, list] | None = None
        self._option: list | None = None
        self._textarea: tuple[Form, str, list] | None = None
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "template":
            self._template_depth += 1
        if tag == "form":
            action = a.get("action") or self.path
            form = Form(method=(a.get("method") or "get").lower(), action=_path(self.path, action))
            self.forms.append(form)
            self._current = form
            if a.get("id"):
                self._by_id[a["id"]] = form
            return
        name = a.get("name", "")
        if not name or "__prefix__" in name or self._template_depth:
            if tag == "option" and self._select:
                self._option = [a.get("value"), "selected" in a, []]
            return
        if a.get("form"):
            self._late.append((tag, a["form"], a))
            return
        if self._current is not None:
            self._control(self._current, tag, a)

    def _control(self, form: Form, tag: str, a: dict):
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            value = a.get("value", "")
            if kind in ("checkbox", "radio"):
                form.offered[name].append(value or "on")
                if "checked" in a:
                    form.fields.append((name, value or "on"))
            elif kind in ("submit", "image"):
                form.offered[name].append(value)
            elif kind not in ("file", "reset", "button"):
                form.fields.append((name, value))
                form.offered[name].append(value)
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            form.offered[name].append(a.get("value", ""))
        elif tag == "select":
            self._select = (form, name, "multiple" in a, [], [])
        elif tag == "textarea":
            self._textarea = (form, name, [])

    def handle_data(self, data):
        if self._option is not None:
            self._option[2].append(data)
        if self._textarea is not None:
            self._textarea[2].append(data)

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth = max(0, self._template_depth - 1)
        elif tag == "form":
            self._current = None
        elif tag == "option" and self._select and self._option is not None:
            value, selected, text = self._option
            value = "".join(text).strip() if value is None else value
            self._select[3].append(value)
            if selected:
                self._select[4].append(value)
            self._option = None
        elif tag == "select" and self._select:
            form, name, multiple, values, chosen = self._select
            form.offered[name].extend(values)
            if not chosen and values and not multiple:
                chosen = values[:1]
            form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea:
            form, name, text = self._textarea
            value = "".join(text).removeprefix("\n")
            form.fields.append((name, value))
            form.offered[name].append(value)
            self._textarea = None

    def close(self):
        super().close()
        for tag, form_id, a in self._late:
            if form_id in self._by_id:
                self._control(self._by_id[form_id], tag, a)


def _path(page: str, action: str) -> str:
    return urlsplit(urljoin(page, action)).path


def forms_of(response, path: str) -> list[Form]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(path)
    parser.feed(response.content.decode())
    parser.close()
    return parser.forms


# --- which pages hold the form for a URL ------------------------------------------------------

# Pages that are not HTML (files, pictures, the FHIR API): never read for forms.
NOT_PAGES = ("pdf", "figure", "photo", "logo", "download", "export", "fhir", "healthz")
# A URL whose form sits on a page about its parent object (a builder item on the builder).
PARENT_KW = {
    matrix.program_a_item: matrix.program_a,
    matrix.revision_a: matrix.program_a,
    matrix.portal_item_a: matrix.program_a,
    matrix.intake_a_section: matrix.intake_a,
    matrix.intake_a_with_test: matrix.intake_a,
    matrix.report_a: matrix.intake_a_with_test,
    matrix.flag_a: matrix.patient_a,
    matrix.measure_a: matrix.patient_a,
    matrix.patient_a_rmdq: matrix.patient_a,
    matrix.failed_message_a: matrix.patient_a,
}
# A URL that takes another page's filters: the CSV export the audit list's, the builder's
# live search (htmx) the builder page's search box.
SAME_FILTERS = {
    "clinic:audit-export": "clinic:audit-list",
    "programs:builder-search": "programs:program-builder",
}
NO_ACCESS = (matrix.LOGIN, 401, 403, 404, 405)


def _is_page(name: str) -> bool:
    return not any(word in name for word in NOT_PAGES)


def _roles(name: str) -> list[str]:
    row = matrix.MATRIX[name]
    return [role for role in matrix.ROLES if row.expected(role) not in NO_ACCESS]


def _family(kw) -> list:
    chain = [kw]
    while chain[-1] in PARENT_KW:
        chain.append(PARENT_KW[chain[-1]])
    return chain


DEFAULT_KW = matrix.R("GET", 200, 200, 200, 200, 200).kw  # the rows without URL kwargs


def _namespace(name: str) -> str:
    return name.partition(":")[0] if ":" in name else ""


def _pages_for(name: str, role: str) -> list[str]:
    """Names of the pages that may hold the form for `name`, nearest first.

    A page the role may open holds its own forms. Any other URL's form is on a page about the
    same object or its parent, else on one of its section's pages without kwargs.
    """
    row = matrix.MATRIX[name]
    own = SAME_FILTERS.get(name, name)
    if row.method == "GET" and row.expected(role) == 200:
        return [own] if _is_page(own) else []
    pages = [own]
    if row.kw is not DEFAULT_KW:
        for kw in _family(row.kw):
            pages += [other for other, candidate in matrix.MATRIX.items() if candidate.kw is kw]
    pages += [
        other
        for other, candidate in matrix.MATRIX.items()
        if candidate.kw is DEFAULT_KW and _namespace(other) == _namespace(name)
    ]
    return [
        page
        for page in dict.fromkeys(pages)
        if _is_page(page)
        and matrix.MATRIX[page].method == "GET"
        and matrix.MATRIX[page].expected(role) == 200
    ]


# --- hostile values -------------------------------------------------------------------------

MISSING = object()
LONG = 10_000
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-2147483649",
    "2147483648",
    str(2**63),
    "9" * 40,
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "0.5",
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits: int() reads them as 12
    "\x00",
    "a\x00b",
    "x" * LONG,
    "مرحبا بكم في العيادة " * (LONG // 20),  # Arabic
    "康复训练计划" * (LONG // 6),  # Chinese
    "💪🏽🧘" * (LONG // 3),  # emoji
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "25:61",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "on",
    "[]",
    '{"a": [1, 2]}',
    "<script>alert(1)</script>",
    "../../etc/passwd",
]


def _one_value(offered: list[str]):
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.integers(min_value=0, max_value=60).map(str),  # ids of other rows
        st.text(max_size=40),  # any characters, NUL and non-Latin included
        st.sampled_from(offered or [""]),
    )


def _value(offered: list[str]):
    one = _one_value(offered)
    return st.one_of(st.just(MISSING), one, st.lists(one, min_size=2, max_size=3))


def _post_data(draw, form: Form, extra: dict) -> dict:
    data: dict[str, list[str]] = defaultdict(list)
    for name, value in form.fields:
        data[name].append(value)
    for name, value in extra.items():
        data.setdefault(name, [str(value)])
    for name, offered in form.offered.items():
        if name not in data and offered:  # the first submit button, as a click would send
            data[name] = [offered[0]]
    names = sorted(set(data) | set(form.names())) or ["q"]
    for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=8)):
        value = draw(_value(form.offered.get(name, [])))
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return dict(data)


# --- what must hold -------------------------------------------------------------------------

# Rows a request may write even when its form is refused: the audit trail of reads.
NOT_COUNTED = {"clinic.AuditEvent", "clinic.AuditChainHead", "programs.HandoutFile"}


def _counted_tables() -> list[str]:
    return [
        model._meta.db_table
        for app in ("clinic", "programs", "interop")
        for model in apps.get_app_config(app).get_models()
        if model._meta.label not in NOT_COUNTED and not model._meta.proxy
    ]


def _row_counts() -> dict[str, int]:
    """Rows in each table, in one query."""
    tables = _counted_tables()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
        )
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _shows_a_form_error(response) -> bool:
    if response.status_code in REFUSED:
        return True
    if response.status_code != 200 or response.context is None:
        return False
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for layer in context.dicts:
            for value in layer.values():
                form = isinstance(value, BaseForm | BaseFormSet) and value.is_bound
                if form and not value.is_valid():
                    return True
    return False


def _examples_per_role(roles: int) -> int:
    """The profile's budget for one URL, shared by the roles that may use it."""
    return max(3, hypothesis_settings.default.max_examples // roles)


# --- the property ---------------------------------------------------------------------------

TARGETS = [
    name
    for name, row in matrix.MATRIX.items()
    if _roles(name) and (row.method == "POST" or _is_page(name) or name in SAME_FILTERS)
]


@pytest.mark.parametrize("name", TARGETS)
def test_hostile_input_never_causes_a_server_error_or_a_half_saved_row(client, world, name):
    row = matrix.MATRIX[name]
    kwargs_of = {}

    def url_of(page: str) -> str:
        page_row = matrix.MATRIX[page]
        if page_row.setup:
            page_row.setup(world)
        if page_row.kw not in kwargs_of:
            kwargs_of[page_row.kw] = page_row.kw(world)
        return reverse(page, kwargs=kwargs_of[page_row.kw])

    target = url_of(name)
    fuzzed = 0
    for role in _roles(name):
        forms = _forms_for(client, world, name, role, target, url_of)
        if not forms:
            continue
        fuzzed += 1
        _fuzz(client, world, role, forms, row.data(world), len(_roles(name)))
    if not fuzzed:
        pytest.skip(f"{name} has no form to fill in")


def _forms_for(client, world, name, role, target, url_of) -> list[Form]:
    row = matrix.MATRIX[name]
    client.logout()
    matrix.login_as(client, world, role)
    wanted = "post" if row.method == "POST" else None
    found = []
    for page in _pages_for(name, role):
        path = url_of(page)
        for form in forms_of(client.get(path), path):
            if page == SAME_FILTERS.get(name):
                form.action = target if form.method == "get" else form.action
            if form.action == target and (wanted is None or form.method == wanted):
                found.append(form)
        if found:
            break
    if not found and row.method == "POST":
        found = [Form(method="post", action=target)]  # nothing renders it: the row's data only
    return found


def _fuzz(client, world, role, forms, extra, roles):
    client.logout()
    matrix.login_as(client, world, role)
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    before = _row_counts()  # every example starts from here: each one is rolled back

    @hypothesis_settings(
        max_examples=_examples_per_role(roles),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def fuzz(data):
        form = data.draw(st.sampled_from(forms), label="form")
        payload = _post_data(data.draw, form, extra)
        with transaction.atomic():
            try:
                if form.method == "post":
                    response = client.post(form.action, payload)
                else:
                    response = client.get(form.action, payload)
                assert response.status_code < 500, f"{response.status_code} for {payload!r}"
                if _shows_a_form_error(response):
                    assert _row_counts() == before, f"a refused form saved rows: {payload!r}"
            finally:
                transaction.set_rollback(True)
                if session is not None:  # a logout or a new session key is undone as well
                    client.cookies[django_settings.SESSION_COOKIE_NAME] = session.value

    fuzz()
