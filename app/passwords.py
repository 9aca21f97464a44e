"""The password rules for staff accounts, the same wherever a password is set (``flask
create-user``, the admin's "new account" form, the user's own password change).

* at least 12 and at most 256 characters (any characters, spaces too: a sentence is fine);
* not common or easily guessed: ``zxcvbn`` (offline; its own lists of common passwords,
  names and words, keyboard patterns, repeats, sequences and dates) must rate it at least
  ``MIN_SCORE`` (3 of 4: "safely unguessable", about 10^8 guesses), with the account's own
  e-mail and name and a short list of local words (the municipality, its kernen, the
  organisation, common Dutch password words) counted as known.

No composition rules (ASVS 6.2.5) and no forced periodic change (6.2.10).  zxcvbn looks at
the first 72 characters only; a longer password is judged by those.

``problem(password, user_inputs)`` returns None (allowed) or one of the constants below; the
caller words the message (Dutch on the web, English on the command line).
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3
ZXCVBN_MAX = 72  # zxcvbn refuses longer input

TOO_SHORT = "too_short"
TOO_LONG = "too_long"
TOO_GUESSABLE = "too_guessable"

# Words an attacker of this site tries first; zxcvbn's own lists are mostly English.
LOCAL_WORDS = (
    "berkelland", "berkellandwijzer", "voormekaar", "gemeente", "wachtwoord", "welkom",
    "geheim", "inloggen", "medewerker", "beheerder", "sociale", "kaart", "wijzer",
    "borculo", "eibergen", "neede", "ruurlo", "beltrum", "rekken", "rietmolen", "haarlo",
    "geesteren", "gelselaar", "noordijk", "mallem", "achterhoek", "gelderland",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december", "lente", "zomer", "herfst", "winter",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)


def _inputs(user_inputs: Iterable[str]) -> list[str]:
    words = list(LOCAL_WORDS)
    for value in user_inputs:
        value = (value or "").strip().lower()
        if not value:
            continue
        words.append(value)
        # the parts of an e-mail address and of a name count on their own
        for part in value.replace("@", " ").replace(".", " ").replace("-", " ").split():
            if len(part) >= 3:
                words.append(part)
    return words


def problem(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """None when ``password`` may be used, else why not (``TOO_SHORT``, ``TOO_LONG``,
    ``TOO_GUESSABLE``)."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if zxcvbn(password[:ZXCVBN_MAX], user_inputs=_inputs(user_inputs))["score"] < MIN_SCORE:
        return TOO_GUESSABLE
    return None
