"""Cramp Coach's voice engine: audio → recogniser → intent → plugin → speech.

The engine knows nothing of cramps; everything it says and understands comes from plugins.
"""

__version__ = "0.1.0"

from crampcoach.voice.hookimpl import hookimpl  # noqa: E402

__all__ = ["hookimpl", "__version__"]
