"""Month and weekday names as our catalogues word them, over Django's own.

Django's Brazilian Portuguese catalogue capitalises month and weekday names ("Domingo, 6 de
Dezembro"); Portuguese, like Spanish, writes them in lower case inside a date. Our catalogues
(locale/, which win over Django's) give the lower-case names for every form of the name Django
uses (django.utils.dates). A weekday written as a label on its own, at the start of a line, has
its own "weekday label" context (programs.plan.WEEKDAY_NAMES) and stays capitalised; a date that
starts a sentence is capitalised where the page writes it (`capfirst`).

Django's "M" date format capitalises the month's abbreviation whatever the catalogue says ("6
Dez"), so our Spanish and Portuguese short formats use "b" ("6 dez").

The names are listed here only so that makemessages keeps them in our catalogues.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DATE_NAMES = (
    # django.utils.dates.WEEKDAYS and WEEKDAYS_ABBR
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
    _("Mon"),
    _("Tue"),
    _("Wed"),
    _("Thu"),
    _("Fri"),
    _("Sat"),
    _("Sun"),
    # MONTHS
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
    # MONTHS_AP
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    # MONTHS_ALT
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
