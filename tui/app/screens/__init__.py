"""Screens of the authoring app."""
