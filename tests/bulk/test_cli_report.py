"""The command (dry run, usage errors) and the report files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from workos_async.bulk.cli import main
from workos_async.bulk.progress import ProgressDisplay
from workos_async.bulk.results import ImportStats, LatencyHistogram

SECRET = "correct-horse-battery"


def write_csv(path: Path) -> None:
    path.write_text(
        "email,password,external_id,metadata\n"
        f"a@b.co,{SECRET},1,\n"
        f"bad-email,{SECRET},2,\n"
        f'c@b.co,{SECRET},3,"{{""k"": 1}}"\n'
        "a@b.co,,4,\n"
    )


def test_dry_run_report(tmp_path: Path, capsys: object) -> None:
    src = tmp_path / "users.csv"
    write_csv(src)
    report = tmp_path / "report"
    code = main(["users", str(src), "--dry-run", "--report", str(report), "--quiet"])
    assert code == 1  # some rows invalid
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    summary = json.loads(out)
    assert summary["outcomes"] == {"valid": 1, "invalid": 3}
    assert summary["mode"] == "dry_run"
    lines = [json.loads(x) for x in (report / "results.jsonl").read_text().splitlines()]
    assert [x["row"] for x in lines] == [2, 3, 4, 5]  # file line numbers (header is line 1)
    with open(report / "failures.csv", newline="") as fh:
        failures = list(csv.DictReader(fh))
    assert [f["row"] for f in failures] == ["3", "4", "5"]
    assert "email: not a valid" in failures[0]["message"]
    assert "must be a string" in failures[1]["message"]
    assert "duplicate within the source (first on line 2)" in failures[2]["message"]
    assert "password" not in failures[0]
    for name in ("results.jsonl", "failures.csv", "summary.json"):
        assert SECRET not in (report / name).read_text()
    assert json.loads((report / "summary.json").read_text())["rows"] == 4


def test_usage_errors(tmp_path: Path, capsys: object) -> None:
    assert main(["users", str(tmp_path / "nope.csv"), "--dry-run"]) == 2
    assert main(["groups", "x.csv"]) == 2
    assert main(["users", "x.csv", "--dry-run", "--plan"]) == 2
    assert main(["users", "x.csv", "--concurrency", "0"]) == 2
    assert main(["users", "x.csv", "--write-limit", "lots"]) == 2
    src = tmp_path / "u.csv"
    src.write_text("email,nick\na@b.co,x\n")
    assert main(["users", str(src), "--dry-run", "--quiet"]) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "unknown CSV column" in err and "nick" in err
    src.write_text("email\na@b.co\n")
    assert main(["users", str(src), "--resume", "--quiet"]) == 2
    assert "no journal" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_progress_json_lines_when_not_a_terminal() -> None:
    stats = ImportStats(total_estimate=100)
    stats.rows_done = 50
    stats.requests["write"] = 60
    stream = io.StringIO()
    display = ProgressDisplay(stats, stream=stream, tty=False)
    display.render()
    line = json.loads(stream.getvalue())
    assert line["progress"]["rows"] == 50 and line["progress"]["total"] == 100
    assert line["progress"]["eta_s"] is not None
    tty = io.StringIO()
    ProgressDisplay(stats, stream=tty, tty=True).render()
    assert tty.getvalue().startswith("\r\x1b[K") and "rows 50/100" in tty.getvalue()


def test_latency_percentiles() -> None:
    h = LatencyHistogram()
    assert h.percentile(50) is None
    for ms in range(1, 101):
        h.add(ms / 1000)
    p50, p95 = h.percentile(50), h.percentile(95)
    assert p50 is not None and abs(p50 - 0.050) < 0.004
    assert p95 is not None and abs(p95 - 0.095) < 0.006
