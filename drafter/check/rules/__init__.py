"""Rule families; each subpackage exposes ``RULES`` (see :mod:`drafter.check.registry`)."""
