"""Headless core: nothing here imports Textual."""
