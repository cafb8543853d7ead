"""QR codes as SVG: the portal invitation link, an authenticator app's key, the handout's
portal address. One way to draw them, so they all scan alike."""

import re
from html import escape

import qrcode
import qrcode.constants
import qrcode.image.svg


def qr_svg(
    data: str,
    *,
    background: bool = False,
    sized_by_css: bool = False,
    css_class: str = "",
    label: str = "",
) -> str:
    """The QR code of `data` as SVG text, with medium error correction and a two-square margin.

    It is the qrcode library's own output, one path of squares, so nothing of `data` appears in
    it as text; `css_class` and `label` are escaped. Options, for where the codes differ:
    `background` puts a white square behind the code; `sized_by_css` drops the fixed size (in
    mm) so the stylesheet sets it; `css_class` and `label` go on the <svg> (a label also makes
    it role="img").
    """
    factory = qrcode.image.svg.SvgPathFillImage if background else qrcode.image.svg.SvgPathImage
    image = qrcode.make(
        data,
        image_factory=factory,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    if sized_by_css:
        svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    attributes = []
    if css_class:
        attributes.append(f'class="{escape(css_class)}"')
    if label:
        attributes += ['role="img"', f'aria-label="{escape(label)}"']
    if attributes:
        svg = svg.replace("<svg ", f"<svg {' '.join(attributes)} ", 1)
    return svg
