"""The `aterrapport` command."""
