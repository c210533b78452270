"""The marker plugins use: ``from voice import hookimpl`` is re-exported for brevity."""

import pluggy

hookimpl = pluggy.HookimplMarker("crampcoach")
