"""Quick mode: candidates that share one sentence and little vocabulary are not aligned."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import QUICK_MIN_OVERLAP, main
from provenance.load import from_texts
from provenance.pipeline import TraceConfig, trace

QUOTE = ("Le ministre de l'Intérieur a annoncé jeudi que l'avenue des Champs-Élysées serait fermée à la "
         "circulation samedi dès six heures du matin.")
LONG = " ".join([
    "La saison touristique s'annonce record pour les hôteliers de la capitale selon leur fédération.",
    "Les réservations étrangères progressent fortement, portées par les visiteurs américains et asiatiques.",
    "Les musées prolongent leurs horaires d'ouverture pendant les vacances scolaires de printemps.",
    "Certains restaurateurs peinent pourtant à recruter serveurs et cuisiniers pour la haute saison.",
    "Un rappel de circulation a été diffusé aux professionnels du tourisme cette semaine.",
    QUOTE,
    "Les organisateurs de visites guidées adapteront leurs itinéraires en conséquence.",
    "La fédération publiera un bilan chiffré de la fréquentation à la fin du mois de juin.",
    "Les compagnies aériennes ajoutent des vols directs depuis Montréal, Séoul et Singapour.",
    "Dans les gares, la signalétique bilingue a été renouvelée avant l'arrivée des estivants.",
    "Les loueurs de vélos électriques constatent une demande inédite pour les balades en bord de Seine.",
    "Plusieurs théâtres programment des représentations supplémentaires surtitrées en anglais.",
    "Enfin, les boulangeries artisanales profitent de l'engouement des visiteurs pour les viennoiseries.",
])
SHORT = QUOTE + " Un court rappel publié sur un autre site, sans autre détail."


def _quick() -> TraceConfig:
    c = TraceConfig()
    return replace(c, candidates=replace(c.candidates, quick_min_overlap=QUICK_MIN_OVERLAP))


def test_quick_mode_gives_up_a_lone_shared_sentence() -> None:
    docs = from_texts({"long": LONG, "short": SHORT})
    full, quick = trace(docs), trace(docs, _quick())
    assert full.candidates == quick.candidates == 1
    # The full job aligns the pair: the short text is mostly the long one's sentence.
    assert [p.relation for p in full.pairs] and full.pairs[0].relation in ("excerpt", "rewrite")
    # Quick mode skips it: one similar sentence, little shared vocabulary.
    assert quick.pairs == []


def test_quick_mode_keeps_real_copies(seeds: Path) -> None:
    from provenance.load import load

    docs = load(seeds).documents
    assert trace(docs).graph == trace(docs, _quick()).graph


def test_quick_flag(tmp_path: Path, seeds: Path) -> None:
    res = CliRunner().invoke(main, ["trace", str(seeds), "-o", str(tmp_path / "out"), "--quick", "--no-svg", "-q"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "graph.json").exists()


def test_quick_partitioned_equals_quick_in_memory(tmp_path: Path, seeds: Path) -> None:
    import json

    runner = CliRunner()
    a = runner.invoke(main, ["trace", str(seeds), "-o", str(tmp_path / "mem"), "--quick", "--no-svg", "-q"])
    b = runner.invoke(main, ["trace", str(seeds), "-o", str(tmp_path / "part"), "--quick", "--partitioned", "--no-svg", "-q"])
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    ga = json.loads((tmp_path / "mem" / "graph.json").read_text())
    gb = json.loads((tmp_path / "part" / "graph.json").read_text())
    # the partitioned trace never searches across languages; the seeds have no cross-language pair
    assert ga == gb
