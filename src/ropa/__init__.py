"""ropa: a GDPR Article 30 record of processing activities, kept as typed YAML in git."""

from ropa._version import __version__

__all__ = ["__version__"]
