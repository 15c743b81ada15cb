"""Load `content/*.yaml` into a `Catalogue`, or collect every problem found.

Only the tools (and the Lambda when `MAIRIE_CONTENT` is set) use this module: the deployed Lambda
reads the compiled JSON (`catalogue.compiled`) and never imports YAML.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node

from mairie.catalogue.directories import has_audio_editions
from mairie.catalogue.model import Catalogue, Facility, Magazine, PodcastSeries, Procedure
from mairie.catalogue.problems import CatalogueError, Problem
from mairie.catalogue.reading.bounded import capped
from mairie.catalogue.reading.city import read_city
from mairie.catalogue.reading.facilities import read_facilities
from mairie.catalogue.reading.feeds import FOR_FEED
from mairie.catalogue.reading.magazine import read_magazine
from mairie.catalogue.reading.nodes import Reader, compose_file, line_of, suggest
from mairie.catalogue.reading.podcasts import read_podcasts
from mairie.catalogue.reading.procedures import read_procedures
from mairie.catalogue.reading.values import q

CITY_FILE = "city.yaml"
FACILITIES_FILE = "facilities.yaml"
PROCEDURES_FILE = "procedures.yaml"
MAGAZINE_FILE = "magazine.yaml"
PODCASTS_FILE = "podcasts.yaml"
FILES = (CITY_FILE, FACILITIES_FILE, PROCEDURES_FILE, MAGAZINE_FILE, PODCASTS_FILE)
REQUIRED = {
    CITY_FILE: "il décrit la ville",
    FACILITIES_FILE: "il décrit les équipements de la ville",
    PROCEDURES_FILE: "il décrit les démarches",
}


def load_catalogue(content_dir: Path) -> Catalogue:
    """The catalogue of `content_dir`; raises `CatalogueError` listing every problem."""
    catalogue, problems = read_content(content_dir)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def read_content(content_dir: Path) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue (None if anything is wrong) and all the problems, file by file, line by line."""
    catalogue, problems, _ = read_content_and_notes(content_dir)
    return catalogue, problems


def read_content_and_notes(content_dir: Path) -> tuple[Catalogue | None, list[Problem], list[Problem]]:
    """`read_content`, plus what the podcast feeds still need (`reading.feeds`): notes that never make the
    catalogue invalid, file by file, line by line (none when the catalogue is invalid)."""
    if not content_dir.is_dir():
        return None, [Problem(content_dir, 1, "le dossier du catalogue est introuvable.")], []
    readers = {name: Reader(content_dir / name) for name in FILES}
    roots = {name: _compose(readers[name]) for name in FILES}

    def reader_and_root(name: str) -> tuple[Reader, Node] | None:
        root = roots[name]
        return None if root is None else (readers[name], root)

    city = None
    if found := reader_and_root(CITY_FILE):
        city = read_city(*found)
    facilities: list[Facility] = []
    if found := reader_and_root(FACILITIES_FILE):
        facilities = read_facilities(*found)
    facility_ids = {f.id for f in facilities if f.id} if roots[FACILITIES_FILE] else None
    procedures: list[Procedure] = []
    if found := reader_and_root(PROCEDURES_FILE):
        procedures = read_procedures(*found, facility_ids)
    magazine: Magazine | None = None
    if found := reader_and_root(MAGAZINE_FILE):
        magazine = read_magazine(*found)
    podcasts: list[PodcastSeries] = []
    if found := reader_and_root(PODCASTS_FILE):
        podcasts = read_podcasts(*found)

    problems = _unexpected_files(content_dir)
    for name in FILES:
        problems.extend(capped(sorted(readers[name].problems, key=lambda problem: problem.line)))
    if problems or city is None:
        return None, problems, []
    catalogue = Catalogue(city, tuple(facilities), tuple(procedures), magazine, tuple(podcasts))
    if catalogue.city.feeds_url is None and (podcasts or (magazine and has_audio_editions(magazine))):
        readers[CITY_FILE].note(_block_line(roots[CITY_FILE], "ville"), "ville", FEEDS_URL_MISSING)
    notes = [note for name in FILES for note in sorted(readers[name].notes, key=lambda note: note.line)]
    return catalogue, [], notes


FEEDS_URL_MISSING = (
    f"{FOR_FEED}il manque « adresse_flux » : l'adresse web du dossier où les flux seront déposés, "
    "par exemple « https://www.ville.fr/podcasts/ » ; chaque flux y indique sa propre adresse."
)


def _block_line(root: Node | None, key: str) -> int:
    """The line of `key:` in a well-formed file (the city's `ville:`), else 1."""
    if isinstance(root, MappingNode):
        for key_node, _ in root.value:
            if getattr(key_node, "value", None) == key:
                return line_of(key_node)
    return 1


def _compose(reader: Reader) -> Node | None:
    name = reader.file.name
    if not reader.file.exists():
        if name in REQUIRED:
            reader.report(1, "", f"fichier introuvable ; il est obligatoire : {REQUIRED[name]}.")
        return None
    return compose_file(reader)


def _unexpected_files(content_dir: Path) -> list[Problem]:
    """A `.yaml` file we do not read is probably a misnamed one: say so rather than ignore it."""
    problems = []
    for path in sorted(content_dir.iterdir()):
        if path.suffix.lower() in (".yaml", ".yml") and path.name not in FILES:
            guess = suggest(path.name, FILES)
            hint = f"renommez-le {q(guess)}" if guess else f"seuls ces fichiers sont lus : {', '.join(FILES)}"
            problems.append(Problem(path, 1, f"ce fichier n'est pas lu ; {hint}."))
    return problems
