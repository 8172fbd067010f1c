"""Command line: a thin click shell over the library.

Results go to files and stdout; progress and warnings go to stderr.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import ProvenanceError

if TYPE_CHECKING:
    from .load import LoadConfig

QUICK_MIN_OVERLAP = 0.15
"""``--quick``: word-stem overlap below which a one-sentence candidate is not aligned (the
relation stage's own same-story overlap)."""

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _progress(quiet: bool, always: bool = False):  # type: ignore[no-untyped-def]
    # Progress lines go to a terminal; a batch job's log gets them with --progress.
    show = (always or sys.stderr.isatty()) and not quiet
    start = time.perf_counter()

    def say(msg: str) -> None:
        if show:
            click.echo(f"[{time.perf_counter() - start:6.1f}s] {msg}", err=True)

    return say


def _input_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--encoding", "legacy_encoding", default="cp1252", show_default=True, callback=_check_encoding,
                     help="What text and CSV files that are not UTF-8 (and carry no byte-order mark) are read as: "
                          "cp1251 for a Russian archive, shift_jis, latin-1...")(f)
    for name, what in reversed(FIELD_OPTIONS):
        f = click.option(f"--{name}-field", default=name, show_default=True, help=f"Field holding the {what} (JSONL/CSV/Parquet).")(f)
    return f


FIELD_OPTIONS = (
    ("id", "id"), ("text", "text"), ("date", "publication date"), ("source", "outlet"), ("url", "address"),
    ("title", "headline"), ("lang", "language"),
)
"""The ``--<name>-field`` options. Left at its default, a field is found whatever its case or the
spaces and underscores in its name, or under a name other tools give it (``load.FIELD_ALIASES``)."""


def _load_config(legacy_encoding: str, fields: dict[str, str]) -> LoadConfig:
    # The input options as the reader takes them.
    from .load import LoadConfig

    return LoadConfig(legacy_encoding=legacy_encoding, **{f"{name}_field": fields[f"{name}_field"] for name, _ in FIELD_OPTIONS})


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from .load import encoding_name

    try:
        encoding_name(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r} (Python codec names: cp1252, cp1251, latin-1, shift_jis...)") from None
    return value


def _legacy_note(docs: list, legacy: str) -> str | None:  # type: ignore[type-arg]
    """What to tell about documents read in the legacy encoding, or None when there are none."""
    from .load import encoding_name, looks_misread, mixes_utf8

    name = encoding_name(legacy)
    read = [d for d in docs if d.extra.get("encoding") == name]
    if not read:
        return None
    note = f"note: {len(read)} document(s) were not UTF-8 and were read as {name} (the documents table's encoding column names them)"
    odd = sum(1 for d in read if name == "windows-1252" and (looks_misread(d.text) or d.text.count("\ufffd") * 100 > len(d.text)))
    if odd:
        note += f"; {odd} of them look like another encoding (Cyrillic, Greek, Japanese...): give it with --encoding"
    mixed = sum(1 for d in read if mixes_utf8(d.text, legacy))
    if mixed:
        note += (f"; {mixed} of them mix in UTF-8 (a file pieced together from both encodings: 'Ã©' for 'é'): "
                 "convert them to UTF-8")
    return note


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="provenance")
def main() -> None:
    """Find copied news articles in a corpus and trace where each copy came from.

    \b
    Examples:
      provenance trace seeds/                 # graph in provenance-out/graph.svg
      provenance trace articles.jsonl.gz -o out/ --format jsonl
      provenance explain seeds/ 001_45e1b145ca42a96b 000_cbbe1e793155c078
      provenance lineage provenance-out/ 000_cbbe1e793155c078
    """


@main.command(context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", default="provenance-out", show_default=True, type=click.Path(path_type=Path),
              help="Output folder (replaced if it holds an earlier provenance output).")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl", "csv"]), default="parquet", show_default=True,
              help="Format of the pairs, alignments and documents tables.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where the bulk work runs.")
@click.option("--spark-master", default=None, help="Spark master URL (with --engine spark), e.g. local[2] or spark://host:7077.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for the local engine (default: one per core).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for stage caches; a rerun resumes from the first changed stage [default: OUTDIR/.cache].")
@click.option("--no-cache", is_flag=True, help="Do not read or write stage caches.")
@click.option("--force", is_flag=True, help="Recompute every stage, replacing cached results.")
@click.option("--no-svg", is_flag=True, help="Do not draw graph.svg.")
@click.option("--no-report", is_flag=True, help="Do not write report.html.")
@click.option("--partitioned", is_flag=True,
              help="Stream the input through partitions on disk (corpora too large for memory; no cross-language search; "
                   "no stage caches: every run recomputes, and --cache is refused).")
@click.option("--quick", is_flag=True,
              help="Skip candidates that share one sentence and little vocabulary (faster; loses about 2% of derivations).")
@click.option("-q", "--quiet", is_flag=True,
              help="No summary on stdout, no progress on stderr (warnings about the input and errors still go to stderr).")
@click.option("--progress", is_flag=True,
              help="Progress lines on stderr even when it is not a terminal (the log of a batch job).")
@_input_options
def trace(input_path: Path, out: Path, fmt: str, engine: str, spark_master: str | None, workers: int | None,
          cache_dir: Path | None, no_cache: bool, force: bool, no_svg: bool, no_report: bool, partitioned: bool, quick: bool,
          quiet: bool, progress: bool, legacy_encoding: str, **fields: str) -> None:
    """Trace INPUT: a .jsonl(.gz), .json, .csv, .tsv, .parquet, .warc(.gz) or .wet.gz file, or a folder of
    .txt/.md/.html/.docx/.odt/.pdf articles and of such files (a dump's shards).

    Writes graph.json, graph.dot, graph.graphml, graph.svg, report.html, pairs, alignments,
    passages, documents and manifest.json into the output folder and prints a summary.

    \b
    Example:
      provenance trace seeds/ -o out/
    """
    from .engines import get_engine
    from .export import ExportConfig, write_outputs
    from .load import load
    from .pipeline import TraceConfig
    from .pipeline import trace as run_trace
    from .summary import summarise

    say = _progress(quiet, progress)
    config = TraceConfig()
    if quick:
        config = replace(config, candidates=replace(config.candidates, quick_min_overlap=QUICK_MIN_OVERLAP))
    if partitioned:
        from .partitioned import SINGLE_LANGUAGE, trace_folder

        if engine != "local":
            raise click.ClickException("--partitioned runs on the local engine; drop --engine spark")
        if cache_dir is not None:
            # Its work folder is streamed through once and removed: there is nothing to resume from.
            raise click.UsageError("--partitioned keeps no stage caches (every run recomputes): drop --cache")
        try:
            part_config = SINGLE_LANGUAGE
            if quick:
                part_config = replace(part_config, candidates=config.candidates)
            text = trace_folder(input_path, out, workers=workers, fmt=fmt, svg=not no_svg, report=not no_report, progress=say,
                                warn=lambda line: click.echo(f"warning: {line}", err=True),
                                load_config=_load_config(legacy_encoding, fields), config=part_config)
        except ProvenanceError as e:
            raise click.ClickException(str(e)) from None
        except OSError as e:  # an output folder that cannot be made or written (/proc, a read-only mount)
            raise click.ClickException(f"{e.filename or out}: {e.strerror or e}") from None
        if not quiet:
            click.echo(text, nl=False)
        return
    try:
        opts: dict[str, object] = {}
        if engine == "spark" and spark_master:
            opts["master"] = spark_master
        if engine == "local" and workers:
            opts["workers"] = workers
        say(f"reading {input_path}")
        # Metadata recovery is per document: the local engine's workers share it. (Spark would
        # have to start first and ship every text, so it reads on the driver.)
        reader = get_engine("local", **({"workers": workers} if workers else {})) if engine == "local" else None
        loaded = load(input_path, _load_config(legacy_encoding, fields), engine=reader)
        from .summary import skip_lines, unread_date_line

        for line in [*skip_lines(loaded.skipped), *loaded.notes]:
            click.echo(f"warning: {line}", err=True)
        dates_note = unread_date_line(loaded.documents)
        if dates_note:
            click.echo(f"warning: {dates_note}", err=True)
        note_legacy = _legacy_note(loaded.documents, legacy_encoding)
        if note_legacy:
            click.echo(note_legacy, err=True)
        eng = get_engine(engine, **opts)
        from .cache import StageCache
        from .export import CACHE_DIR, check_creatable, check_outdir

        check_outdir(out)  # before anything (a cache) is written into it
        if cache_dir and not no_cache:
            check_creatable(cache_dir, "cache folder (--cache)")

        cache = None if no_cache else StageCache(cache_dir or out / CACHE_DIR, force=force)
        try:
            res = run_trace(loaded.documents, config, engine=eng, progress=say, cache=cache)
        finally:
            eng.close()
        if cache is not None and cache.hits:
            say(f"reused cached stages: {', '.join(cache.hits)}")
        res.skipped = loaded.skipped
        say("writing outputs")
        from .render import DOT_INSTALL_HINT, dot_available

        note = None if no_svg else DOT_INSTALL_HINT if not dot_available() else None
        text = summarise(res, out=str(out), svg_note="--no-svg" if no_svg else note, report=not no_report)
        write_outputs(res, out, input_path=str(input_path), engine=engine,
                      config=ExportConfig(format=fmt, svg=not no_svg, report=not no_report), summary=text, workers=workers)
    except ProvenanceError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:  # a folder that exists but refuses writes (/proc, a read-only mount)
        raise click.ClickException(f"{e.filename or out}: {e.strerror or e}") from None
    if not quiet:
        click.echo(text, nl=False)
    if note:
        click.echo(f"warning: {note}", err=True)


@main.command(context_settings=CONTEXT)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.argument("doc_a")
@click.argument("doc_b")
@_input_options
def explain(input_path: Path, doc_a: str, doc_b: str, legacy_encoding: str, **fields: str) -> None:
    """Show the aligned sentences of two documents of INPUT side by side, with scores.

    \b
    Example:
      provenance explain seeds/ 001_45e1b145ca42a96b 000_cbbe1e793155c078
    """
    from .explain import explain_pair
    from .load import load

    try:
        loaded = load(input_path, _load_config(legacy_encoding, fields))
        for line in loaded.notes:
            click.echo(f"warning: {line}", err=True)
        click.echo(explain_pair(loaded.documents, doc_a, doc_b), nl=False)
    except ProvenanceError as e:
        raise click.ClickException(str(e)) from None


@main.command(context_settings=CONTEXT)
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.argument("doc_id", metavar="ID")
def lineage(out: Path, doc_id: str) -> None:
    """Show where document ID came from and what was copied from it, from the graph.json that
    `provenance trace` wrote into OUT (nothing is recomputed).

    \b
    Example:
      provenance trace seeds/ -o out/ && provenance lineage out/ 000_cbbe1e793155c078
    """
    import json

    from .lineage import lineage as show

    path = out / "graph.json" if out.is_dir() else out
    if not path.is_file():
        raise click.ClickException(f"{path}: no graph.json here; run provenance trace first")
    try:
        graph = json.loads(path.read_text(encoding="utf-8"))
        click.echo(show(graph, doc_id), nl=False)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise click.ClickException(f"{path}: not a provenance graph ({e})") from None
    except ProvenanceError as e:
        raise click.ClickException(f"{path}: {e}") from None


BENCHMARKS = {
    "accuracy": "accuracy.py",
    "crosslang": "crosslang.py",
    "perf": "perf.py",
    "whole-trace": "whole_trace.py",
    "long-pages": "long_pages.py",
    "syndication": "syndication.py",
    "spark-equivalence": "spark_equivalence.py",
}


@main.command(context_settings={**CONTEXT, "ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("name", type=click.Choice(sorted(BENCHMARKS)))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(name: str, args: tuple[str, ...]) -> None:
    """Run benchmark NAME from the source tree's benchmarks/ folder; ARGS pass through.

    \b
    Example:
      provenance bench accuracy --data ../shared/eval --only meter
      provenance bench accuracy -- -h
    """
    import importlib.util

    folder = Path(__file__).resolve().parents[1] / "benchmarks"
    script = folder / BENCHMARKS[name]
    if not script.exists():
        raise click.ClickException(f"{script}: benchmarks live in the source repository; run this from a clone")
    sys.path.insert(0, str(folder.parent))
    spec = importlib.util.spec_from_file_location(f"benchmarks.{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    import inspect

    sys.argv = [str(script), *args]
    code = module.main(list(args)) if inspect.signature(module.main).parameters else module.main()
    if code:
        raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
