"""Kinerja: performance accountability (SAKIP) for Indonesian local government offices."""

__version__ = "0.1.0"
