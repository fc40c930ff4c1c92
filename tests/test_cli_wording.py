"""What the commands say: several paths to explain, one page, what reclean skipped, and
failures printed above the progress bars."""

from __future__ import annotations

import io

from rich.console import Console
from typer.testing import CliRunner

from harvester.cli import EXIT_OK, app, failure_reporter
from harvester.model import Failure
from harvester.run.progress import SourceBars


def test_explain_takes_several_paths(seed_files):
    result = CliRunner().invoke(app, ["explain", *map(str, seed_files[:2])])
    assert result.exit_code == EXIT_OK
    headers = [line for line in result.stdout.splitlines() if line.startswith("# seeds")
               or line.startswith(f"# {seed_files[0].parent}")]
    assert [h.split("/")[-1] for h in headers] == [p.name for p in seed_files[:2]]


def test_one_page_is_one_page(seed_files, tmp_path):
    result = CliRunner().invoke(app, ["clean", str(seed_files[0]), "--into",
                                      str(tmp_path / "c.db"), "--workers", "0"])
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("1 page: 1 stored, 0 duplicates,")


def test_reclean_says_what_it_skipped_and_why(seed_files, tmp_path):
    db = tmp_path / "c.db"
    # --no-raw: clean --into keeps every page unless told not to
    CliRunner().invoke(app, ["clean", *map(str, seed_files), "--into", str(db), "--workers", "0",
                             "--no-raw"])
    result = CliRunner().invoke(app, ["reclean", "--db", str(db), "--verbose"])
    assert result.exit_code == EXIT_OK
    assert f"skipped {len(seed_files)} documents without a kept raw page" in result.output
    assert "0 pages cleaned again" in result.output


def test_failures_print_above_the_bars_not_over_them():
    out = io.StringIO()
    bars = SourceBars(Console(file=out, force_terminal=True, width=100))
    bars.start("news", 3)
    bars.advance("news")
    failure_reporter(bars)(Failure("https://a.example/x", "http_404", "not found"))
    bars.advance("news")
    bars.close()
    lines = [line for line in out.getvalue().splitlines() if "https://a.example/x" in line]
    # The error line stands on its own line, complete, not overwritten by a redraw.
    assert any(line.strip().endswith("harvester: https://a.example/x: not found [http_404]")
               for line in lines)
