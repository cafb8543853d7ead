"""How hard a password is to guess, estimated by zxcvbn rather than by rules about characters.

"aaaaaaaaaaaa" passes a length rule and "Password123!" a character-class rule; zxcvbn finds the
repeats, keyboard runs, dates, common passwords and words it knows, and the person's own name
and email, and scores the guesses needed from 0 to 4.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# 3: "safely unguessable", about 10^10 guesses — enough against an online attack and a stolen,
# slowly hashed password table. Passphrases of three or four ordinary words reach it.
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching is slow on long text); the start of a longer
# password is scored, so a long run of one letter is still found.
ESTIMATED_LENGTH = 72


class StrengthValidator:
    """A Django password validator: refuses a password zxcvbn scores below `min_score`."""

    def __init__(self, min_score: int = MIN_SCORE):
        self.min_score = min_score

    def validate(self, password: str, user=None) -> None:
        result = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=user_inputs(user))
        if result["score"] < self.min_score:
            raise ValidationError(
                _("Too easy to guess: add a few more words or mix in numbers."),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("Make it hard to guess: a few unrelated words together work well.")


def user_inputs(user) -> list[str]:
    """The person's own details (and their parts), which a guesser would try first."""
    if user is None:
        return []
    values = [getattr(user, name, "") or "" for name in ("first_name", "last_name", "email")]
    parts = [part for value in values for part in re.split(r"[\s@._+-]+", value)]
    return sorted({text.lower() for text in values + parts if text})
