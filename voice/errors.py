"""Errors the command line reports in one line, without a traceback."""


class UserError(Exception):
    """Bad input or a missing resource the user can fix; exits with status 2."""
