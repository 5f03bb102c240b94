"""PEEL Viewer: read, compare and export police inspection (PEEL) reports."""

__version__ = "0.1.0"
