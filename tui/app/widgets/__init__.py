"""Widgets of the authoring app."""
