"""Corridor: interregional cooperation knowledge, self-hosted."""

__version__ = "0.1.0"
