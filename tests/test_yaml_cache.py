"""The command's cache of drafter's own parsed YAML files (drafter.yaml_cache): the data the loader
gives, parsed once, a fresh copy for every read, and an edited file parsed afresh."""

from __future__ import annotations

import datetime
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drafter.resources import resource_dir
from drafter.yaml_cache import cache_file, read_yaml, yaml_cache

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
BUNDLED = (resource_dir("schemas") / "figures.yaml", resource_dir("schemas") / "lexicon" / "scores.yaml")


def _loaded(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def test_read_yaml_gives_what_the_safe_loader_gives() -> None:
    for path in BUNDLED:
        assert read_yaml(path) == _loaded(path)


def test_a_cached_file_is_not_parsed_again_and_every_read_gets_its_own_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "y.marshal"
    with yaml_cache(file):
        first = [read_yaml(path) for path in BUNDLED]
    assert first == [_loaded(path) for path in BUNDLED]
    assert file.exists()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(yaml, "load", no_parsing)
    with yaml_cache(file):
        again = read_yaml(BUNDLED[0])
        again["changed by a caller"] = True
        assert "changed by a caller" not in read_yaml(BUNDLED[0])
    monkeypatch.undo()
    del again["changed by a caller"]
    assert again == _loaded(BUNDLED[0])


def test_an_edited_file_is_parsed_afresh_and_nothing_is_written_without_new_text(tmp_path: Path) -> None:
    file = tmp_path / "y.marshal"
    source = tmp_path / "words.yaml"
    source.write_text("words: [得分, 自评得分]\nweight: 0.5\nfinal: true\n", encoding="utf-8")
    with yaml_cache(file):
        assert read_yaml(source) == {"words": ["得分", "自评得分"], "weight": 0.5, "final": True}
    written = file.stat().st_mtime_ns
    with yaml_cache(file):
        assert read_yaml(source)["final"] is True
    assert file.stat().st_mtime_ns == written
    source.write_text("words: [实得]\nweight: 1\n", encoding="utf-8")
    with yaml_cache(file):
        assert read_yaml(source) == {"words": ["实得"], "weight": 1}
    assert len(marshal.loads(file.read_bytes())) == 2


def test_data_marshal_cannot_store_is_read_as_usual_and_not_stored(tmp_path: Path) -> None:
    file = tmp_path / "y.marshal"
    source = tmp_path / "dated.yaml"
    source.write_text("date: 2023-12-31\n", encoding="utf-8")
    with yaml_cache(file):
        assert read_yaml(source) == {"date": datetime.date(2023, 12, 31)}
    assert not file.exists()


def test_nothing_is_cached_outside_a_block(tmp_path: Path) -> None:
    read_yaml(BUNDLED[0])
    assert not cache_file().exists()


@pytest.mark.parametrize(
    "content", [b"", b"not marshal at all", marshal.dumps([1, 2]), marshal.dumps({"x": 1})]
)
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "y.marshal"
    file.write_bytes(content)
    with yaml_cache(file):
        assert read_yaml(BUNDLED[1]) == _loaded(BUNDLED[1])
    assert file.read_bytes() != content


def test_an_unwritable_cache_folder_only_costs_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with yaml_cache(blocker / "sub" / "y.marshal"):  # its folder cannot be made
        assert read_yaml(BUNDLED[0]) == _loaded(BUNDLED[0])


def test_the_cache_file_lives_in_the_users_cache_folder() -> None:
    assert cache_file().parent == Path(os.environ["DRAFTER_HOME"]) / "cache" / "yaml"


def test_drafter_check_fills_the_cache_and_gives_the_same_findings_from_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "DRAFTER_HOME": str(tmp_path / "home")}

    def run() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "drafter", "check", str(SAMPLE), "--format", "json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
        assert result.returncode == 1 and '"code": "SC' in result.stdout, result.stderr
        return result.stdout

    first = run()
    files = list((tmp_path / "home" / "cache" / "yaml").iterdir())
    assert len(files) == 1 and len(marshal.loads(files[0].read_bytes())) >= 5
    assert run() == first
