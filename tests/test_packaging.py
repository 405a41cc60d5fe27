"""A built wheel carries prompts/ and schemas/ and finds them when installed (not editable)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build from a copy of the sources, so the shared checkout gets no build artefacts."""
    src = tmp_path_factory.mktemp("src")
    for name in ("drafter", "prompts", "schemas"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(REPO / "pyproject.toml", src / "pyproject.toml")
    readme = REPO / "README.md"
    if readme.exists():
        shutil.copy2(readme, src / "README.md")
    else:  # the README is written separately; packaging does not depend on its text
        (src / "README.md").write_text("# drafter\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (built,) = out.glob("drafter-*.whl")
    return built


def test_wheel_contains_prompts_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "drafter/_data/prompts/sections/profile.j2",
        "drafter/_data/prompts/sections/analysis.j2",
        "drafter/_data/prompts/init-data.yaml.j2",
        "drafter/_data/schemas/evaluation-data.schema.json",
        "drafter/_data/schemas/rubrics/gd-county-dept-2023.yaml",
        "drafter/_data/schemas/rubrics/national-project-2020.yaml",
        "drafter/_data/schemas/lexicon/scores.yaml",
        "drafter/data/model.py",
        "drafter/cli/data_cmds.py",
    }
    assert expected <= names
    for folder in ("prompts", "schemas"):
        shipped = {
            n.removeprefix("drafter/_data/") for n in names if n.startswith(f"drafter/_data/{folder}/")
        }
        on_disk = {
            str(p.relative_to(REPO))
            for p in (REPO / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert on_disk <= shipped


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # A bare venv; the dependencies come from the running test environment through a .pth file
    # (no network, and no reliance on whatever the system Python happens to have). A .pth line adds
    # a folder to sys.path without processing the .pth files in it, so the test environment's own
    # editable drafter does not shadow the installed wheel, whose site-packages comes first.
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    site_dir = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site_dir) / "zz_test_env.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    data = tmp_path / "data.yaml"
    shutil.copy2(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml", data)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import drafter.resources as r; print(r.resource_dir('prompts')); print(r.resource_dir('schemas'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    assert all("site-packages" in line and "_data" in line for line in probe.stdout.splitlines())
    out = tmp_path / "r.md"
    drafted = subprocess.run(
        [str(python), "-m", "drafter", "draft", str(data), "-o", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert drafted.returncode == 0, drafted.stderr
    assert "自评得分为95分" in out.read_text(encoding="utf-8")
    # the checker reads its score wordings from the wheel's schemas/lexicon
    checked = subprocess.run(
        [str(python), "-m", "drafter", "check", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
