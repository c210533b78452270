"""Errors the command line reports in one line, without a traceback, and their exit codes.

Exit codes are the same for every command: 0 done, 1 the command was right but could not be
carried out (no microphone, no model, a file that cannot be written), 2 the command itself
is wrong (unknown option, bad value, a name that does not exist).
"""

EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A usage mistake the user can fix by typing something else; exits with status 2."""


class RuntimeFailure(Exception):
    """The command is right but the machine could not carry it out; exits with status 1."""
