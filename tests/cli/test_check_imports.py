"""`claudelang check` reports at an import what `claudelang run` raises while loading it: a
module that fails to load (syntax, top-level errors, missing modules further down, not a
module) and import cycles, named in order; and nothing for code loading does not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import claudelang
from tests.import_projects import PROJECTS, Project, write_project


@pytest.mark.parametrize("project", PROJECTS.values(), ids=PROJECTS.keys())
def test_check_reports_what_run_raises_while_loading(tmp_path: Path, project: Project) -> None:
    checked = write_project(tmp_path, project).name
    ran = claudelang("run", checked, cwd=tmp_path)
    checks = claudelang("check", checked, cwd=tmp_path)
    if project.check is None:
        assert (ran.returncode, ran.stderr) == (0, "")
        assert (checks.returncode, checks.stdout, checks.stderr) == (0, "", "")
    else:
        assert ran.returncode == 1 and project.run in ran.stderr
        assert (checks.returncode, checks.stdout.splitlines(), checks.stderr) == (1, [project.check], "")


def test_every_module_of_a_cycle_names_it_from_itself(tmp_path: Path) -> None:
    write_project(tmp_path, PROJECTS["three-module cycle, checked from inside"])
    result = claudelang("check", "a.cl", "b.cl", "c.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.cl:1:9: error: import cycle: a.cl -> b.cl -> c.cl -> a.cl",
        "b.cl:1:9: error: import cycle: b.cl -> c.cl -> a.cl -> b.cl",
        "c.cl:1:9: error: import cycle: c.cl -> a.cl -> b.cl -> c.cl",
    ]


def test_a_failure_deep_down_is_reported_at_each_import_leading_to_it(tmp_path: Path) -> None:
    write_project(tmp_path, PROJECTS["unbound name at the module's top level"])
    (tmp_path / "mid.cl").write_text('(import "lib" (f))\n(module mid (export g)\n  (define (g x) (f x)))\n')
    (tmp_path / "top.cl").write_text('(import "mid" (g))\n(import "lib" (f))\n(io:print (g (f 1)))\n')
    result = claudelang("check", "top.cl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "top.cl:1:9: error: cannot load module \"mid\": lib.cl:3:16: unbound name 'zzz'",
        "top.cl:2:9: error: cannot load module \"lib\": lib.cl:3:16: unbound name 'zzz'",
    ]


def test_a_self_import_is_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "me.cl").write_text('(import "me" (f))\n(module me (export f)\n  (define (f) 1))\n')
    ran = claudelang("run", "me.cl", cwd=tmp_path)
    result = claudelang("check", "me.cl", cwd=tmp_path)
    assert "import cycle: me.cl -> me.cl" in ran.stderr
    assert (result.returncode, result.stdout) == (1, "me.cl:1:9: error: import cycle: me.cl -> me.cl\n")
