"""The speech-model manifest shipped with Cramp Coach (``manifest.json``).

Models themselves are downloaded into the data folder, never here.
"""
