"""The one QR code drawer: the invitation page, two-factor enrolment and the handout use it."""

from clinic.qr import qr_svg

LINK = "https://clinic.example/invite/<b>&/"


def test_the_code_is_squares_only_never_the_data_as_text():
    svg = qr_svg(LINK)
    assert svg.startswith('<svg width="') and 'viewBox="0 0 ' in svg
    assert "clinic.example" not in svg and "<b>" not in svg
    assert "<rect" not in svg  # no background unless asked


def test_options_give_a_css_sized_labelled_code_on_white():
    svg = qr_svg(
        LINK, background=True, sized_by_css=True, css_class="qr-code", label='Scan "this" <now>'
    )
    head = svg.split(">", 1)[0]
    assert head.startswith('<svg class="qr-code" role="img" aria-label="Scan &quot;this&quot; ')
    assert " width=" not in head and " height=" not in head
    assert '<rect fill="white"' in svg
    assert "style=" not in svg  # the CSP refuses inline styles


def test_the_same_data_draws_the_same_code():
    assert qr_svg(LINK) == qr_svg(LINK)
