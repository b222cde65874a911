"""`build.py new standard|course` writes a commented template that passes `check` as written."""
from support import run_build


def test_new_standard_and_course_pass_check(make_project):
    src = make_project()
    for kind in ("standard", "standard", "course"):
        result = run_build("new", kind, "--src", str(src))
        assert result.returncode == 0, result.stderr
    assert len(list((src / "standards").glob("new-standard-*.md"))) == 2
    check = run_build("check", "--src", str(src))
    assert check.returncode == 0, check.stderr


def test_new_without_kind_is_usage_error(make_project):
    assert run_build("new", "--src", str(make_project())).returncode == 2
