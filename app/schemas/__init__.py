"""The canonical records every way of entering data is validated with (``records``): the
importers and the web editor share them, below the domain."""
