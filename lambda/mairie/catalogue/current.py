"""The catalogue of this process, loaded once.

By default, the compiled JSON shipped in the package (`mairie/data/catalogue.json`, written by
`mairie build`), or the compiled JSON file named by `MAIRIE_CATALOGUE` (e.g. the generated large
catalogue of `mairie bench`). When the environment variable `MAIRIE_CONTENT` names a folder, its YAML
files are loaded instead (the YAML loader is imported only then).
"""

from __future__ import annotations

import functools
import gc
import os
from pathlib import Path

from mairie.catalogue.compiled import load_compiled
from mairie.catalogue.model import Catalogue

COMPILED_PATH = Path(__file__).resolve().parent.parent / "data" / "catalogue.json"
CONTENT_ENV = "MAIRIE_CONTENT"
COMPILED_ENV = "MAIRIE_CATALOGUE"


@functools.cache
def get_catalogue() -> Catalogue:
    content = os.environ.get(CONTENT_ENV, "").strip()
    if content:
        from mairie.catalogue.loader import load_catalogue  # lazy: keeps YAML off the cold start

        return load_catalogue(Path(content))
    compiled = Path(os.environ.get(COMPILED_ENV, "").strip() or COMPILED_PATH)
    if not compiled.is_file():
        raise FileNotFoundError(f"Catalogue compilé introuvable ({compiled}) : lancez « mairie build ».")
    catalogue = load_compiled(compiled)
    gc.freeze()  # kept for the life of the container: the cyclic collector need not walk it again and again
    return catalogue


def reset_catalogue_cache() -> None:
    """Forget the loaded catalogue (tests, tools that change `MAIRIE_CONTENT`)."""
    get_catalogue.cache_clear()
