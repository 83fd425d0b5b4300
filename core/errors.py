"""The one error type the project raises for bad input, with a message for people."""


class LecternError(Exception):
    """Something the user gave us cannot be used; ``str(error)`` says what and why."""
