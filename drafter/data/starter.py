"""The commented starter data file that ``drafter init`` writes (``prompts/init-data.yaml.j2``)."""

from __future__ import annotations

import datetime

from drafter.resources import bundled_rubrics, resource_dir

__all__ = ["starter_text"]


def starter_text(*, name: str = "data.yaml", year: int | None = None) -> str:
    """The starter YAML; its fiscal year defaults to last year (self-evaluations look back)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("prompts"))),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    if year is None:
        year = datetime.date.today().year - 1
    rubrics = " 或 ".join(bundled_rubrics())
    return env.get_template("init-data.yaml.j2").render(name=name, year=year, rubrics=rubrics)
