"""Who is at the keyboard, as the operating system knows them: a shared desk signs every mark
and note with the account of the process, never with a name the user can type."""

from __future__ import annotations

import os
import pwd


def account() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # an account with no passwd entry (a container's bare uid)
        return f"uid{os.geteuid()}"
