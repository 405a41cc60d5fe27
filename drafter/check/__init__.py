"""Checks of a self-evaluation report (rules, registry, runner)."""
