"""`invoke check` (what `make check` runs): a build's checks and messages, no pages written."""

from helpers import copy_project, invoke


def _problems(log):
    lines = [line.strip() for line in log.splitlines() if line.strip().startswith("- ")]
    return sorted(line for line in lines if not line.startswith("- pelican failed"))  # tasks.py's summary


def test_check_passes_without_writing(tmp_path):
    project = copy_project(tmp_path)
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Check passed: 5 stories, 4 datasets" in result.stdout
    assert not (project / "output").exists()
    kept = [p.name for p in (project / ".chart-cache").rglob("*") if p.is_file()]
    assert [n for n in kept if not n.startswith("vega-bundle-")] == []  # charts checked, not drawn or kept


def test_check_lists_the_same_problems_as_the_build(tmp_path, warm_caches):
    project = copy_project(tmp_path, caches=warm_caches)
    casualties = project / "data" / "casualties.yml"
    casualties.write_text(casualties.read_text().replace("    killed: 15\n", "    killed: -15\n"))
    (project / "data" / "acled-export.csv").write_text("event_id_cnty\nSYR1\n")
    check = invoke(project, "check")
    build = invoke(project, "build")
    assert check.returncode == build.returncode == 1
    found = _problems(check.stderr)
    assert found == _problems(build.stdout + build.stderr)
    assert any("data/acled-export.csv:1: a CSV file is not a Marsad dataset" in p for p in found), found
    assert any("idlib-city-2019-03-13: killed: expected a count >= 0, found -15" in p for p in found), found
    assert not (project / "output").exists()


def test_check_reports_story_and_chart_problems(tmp_path, warm_caches):
    project = copy_project(tmp_path, caches=warm_caches)
    story = project / "content" / "articles" / "broken.md"
    story.write_text("Title: Broken\nDate: not a date\nCategory: Idlib\n\n{chart: no-such-chart}\n")
    result = invoke(project, "check")
    assert result.returncode == 1
    assert "content/articles/broken.md:2: broken: date: expected a date with time" in result.stderr
