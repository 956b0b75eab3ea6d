"""`accord code` keeps its contract: records on stdout, errors per document, documented exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app

STORY = ("Russia and Iraq agree to expand military cooperation\n\n"
         "BAGHDAD (Test Wire) - Iraqi Prime Minister Haider al-Abadi met Russian envoy Mikhail "
         "Bogdanov in Baghdad on Tuesday. Iraq thanked Russia for its military help.\n")


@pytest.fixture()
def runner():
    return CliRunner()


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_code_writes_article_and_event_records_as_json_lines(tmp_path, runner):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["code", str(story), "--emit", "all", "--date", "2016-03-02",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    kinds = {r["type"] for r in recs}
    assert "article" in kinds
    article = next(r for r in recs if r["type"] == "article")
    assert article["title"].startswith("Russia and Iraq agree")
    assert article["date"] == "2016-03-02"


def test_a_bad_document_is_reported_and_the_run_goes_on_with_exit_code_3(tmp_path, runner):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--emit", "article,error", "--quiet"])
    assert result.exit_code == 3, result.output
    recs = records(result.stdout)
    assert [r["type"] for r in recs].count("article") == 1
    errors = [r for r in recs if r["type"] == "error"]
    assert len(errors) == 1 and "empty.txt" in (errors[0]["path"] or "")


def test_unknown_format_is_a_usage_error_with_exit_code_2(tmp_path, runner):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["code", str(story), "--format", "xml"])
    assert result.exit_code == 2


def test_unknown_emit_type_is_a_usage_error(tmp_path, runner):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert runner.invoke(app, ["code", str(story), "--emit", "events,rumours"]).exit_code == 2


def test_csv_output_has_a_header_and_flattened_columns(tmp_path, runner):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["code", str(story), "--format", "csv", "--out", str(out),
                                 "--emit", "article", "--quiet"])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("type,doc_id")


def test_standard_input_is_read_with_a_dash(tmp_path):
    line = json.dumps({"id": "stdin-1", "title": "Test", "text": STORY, "date": "2016-03-02"})
    proc = subprocess.run([sys.executable, "-m", "accord", "code", "-", "--emit", "article",
                           "--quiet"], input=line + "\n", capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert records(proc.stdout)[0]["doc_id"] == "stdin-1"
    assert proc.stderr.strip() == "" or "accord:" in proc.stderr  # logging never on stdout


def test_help_reads_like_a_manual(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "code" in result.stdout
    result = runner.invoke(app, ["code", "--help"])
    assert "--emit" in result.stdout and "Exit code" in result.stdout
