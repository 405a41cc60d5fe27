"""The commented starter data file that ``drafter init`` writes (``prompts/init-data.yaml.j2``)."""

from __future__ import annotations

import datetime

__all__ = ["starter_text"]


def starter_text(*, name: str = "data.yaml", year: int | None = None) -> str:
    """The starter YAML; its fiscal year defaults to last year (self-evaluations look back)."""
    import jinja2

    from drafter.resources import resource_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("prompts"))),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    if year is None:
        year = datetime.date.today().year - 1
    from drafter.rubric import available_rubrics

    rubrics = " 或 ".join(available_rubrics())
    return env.get_template("init-data.yaml.j2").render(name=name, year=year, rubrics=rubrics)
