"""Where the records come from: the live API, or a response saved in a file (`--fichier`).

The API is the Annuaire de l'administration on OpenDataSoft's Explore API v2.1
(shared/reference/open-data-apis.md, §0 and §1): `GET {base}/catalog/datasets/api-lannuaire-administration/records`
with `where`, `select`, `limit` (at most 100) and `offset` (`offset + limit` below 10,000), answering
`{"total_count": n, "results": [record, …]}`. No key is needed. One query asks for the counters
located in the commune *or* whose `pivot` names it (the doc's advice: the two codes disagree for
13 of 35,803 mairies, and a counter serving several communes lists them in `pivot`); each record is
checked again after reading. `select` leaves out `adresse_courriel` and `affectation_personne`, which
name people. Pages are read one after the other (the directory has no published quota; parallel
calls trip its anti-abuse protection).

A file may hold a `/records` response, an `/exports/json` array, or the data.gouv.fr download
(`{"service": [...]}`). `MAIRIE_ANNUAIRE_API` replaces the API's base address (tests, a mirror).
"""

from __future__ import annotations

import json
import os
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from mairie.tools.annuaire.records import AnnuaireError, FormatChanged, PublicOffice, read_office

API = "https://api-lannuaire.service-public.gouv.fr/api/explore/v2.1"
API_ENV = "MAIRIE_ANNUAIRE_API"
DATASET = "api-lannuaire-administration"
FIELDS = (
    "id",
    "nom",
    "pivot",
    "code_insee_commune",
    "adresse",
    "telephone",
    "site_internet",
    "plage_ouverture",
    "commentaire_plage_ouverture",
    "url_service_public",
    "date_modification_datetime",
    "statut_de_diffusion",
)
PAGE = 100
MAX_ROWS = 10_000
TIMEOUT_SECONDS = 30
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
NOTHING_CHANGED = "Rien n'a été modifié."


def check_insee(code: str) -> str:
    cleaned = code.strip().upper()
    if not INSEE.match(cleaned):
        raise AnnuaireError(
            f"« {code} » n'est pas un code INSEE de commune : cinq caractères, par exemple 92040 pour "
            f"Issy-les-Moulineaux (ce n'est pas le code postal). {NOTHING_CHANGED}"
        )
    return cleaned


def offices_of(commune: str, raw_records: list[object], origin: str) -> list[PublicOffice]:
    """The published records of `commune`; none at all is an error (an unknown or mistyped code)."""
    offices = [office for office in map(read_office, raw_records) if commune in office.communes]
    offices = [office for office in offices if office.published]
    if not offices:
        raise AnnuaireError(
            f"Aucune fiche de l'annuaire pour la commune « {commune} » ({origin}). Vérifiez le code INSEE : "
            f"92040 pour Issy-les-Moulineaux, par exemple ; ce n'est pas le code postal. {NOTHING_CHANGED}"
        )
    return offices


def records_url(commune: str, offset: int, base: str | None = None) -> str:
    query = urllib.parse.urlencode(
        {
            "where": f'code_insee_commune="{commune}" or pivot like "{commune}"',
            "select": ",".join(FIELDS),
            "limit": PAGE,
            "offset": offset,
        }
    )
    root = (base or os.environ.get(API_ENV) or API).rstrip("/")
    return f"{root}/catalog/datasets/{DATASET}/records?{query}"


def fetch_records(commune: str) -> list[object]:
    """Every record the API has for `commune`, page after page."""
    records: list[object] = []
    while True:
        url = records_url(commune, len(records))
        results, total = _records_of(_get_json(url), url)
        records.extend(results)
        if not results or len(records) >= total or len(records) + PAGE > MAX_ROWS:
            return records


def read_records(path: Path) -> list[object]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise AnnuaireError(
            f"Le fichier « {path} » ne peut pas être lu ({error.strerror}). {NOTHING_CHANGED}"
        ) from None
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatChanged(
            f"Le fichier « {path} » n'est pas du JSON (ligne {error.lineno}) : enregistrez la réponse de l'API "
            f"telle quelle. {NOTHING_CHANGED}"
        ) from None
    return _records_of(answer, str(path))[0]


def _records_of(answer: object, origin: str) -> tuple[list[object], int]:
    """The records of an answer and how many there are in all."""
    if isinstance(answer, list):
        return answer, len(answer)
    if isinstance(answer, dict) and isinstance(answer.get("results"), list):
        results: list[object] = answer["results"]
        total = answer.get("total_count")
        return results, total if isinstance(total, int) else len(results)
    if isinstance(answer, dict) and isinstance(answer.get("service"), list):
        return answer["service"], len(answer["service"])
    raise FormatChanged(
        f"La réponse de l'annuaire ({origin}) n'a pas la forme attendue (« results », une liste, ou « service ») : "
        f"son format a peut-être changé. {NOTHING_CHANGED}"
    )


def _get_json(url: str) -> object:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "mairie-vocale (mairie importer annuaire)"}
    )
    host = urllib.parse.urlsplit(url).netloc
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        raise _http_error(error, host) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        raise AnnuaireError(
            f"Impossible de joindre l'annuaire ({host}) : {_reason(error)}. Vérifiez la connexion à Internet, "
            f"puis relancez la commande. {NOTHING_CHANGED}"
        ) from None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FormatChanged(
            f"L'annuaire ({host}) a répondu autre chose que du JSON : son format a peut-être changé. {NOTHING_CHANGED}"
        ) from None


def _reason(error: BaseException) -> str:
    """Why the connection failed, in French (the system's own words are English)."""
    cause = getattr(error, "reason", error)
    if isinstance(cause, socket.gaierror):
        return "adresse introuvable (pas de connexion à Internet, ou pas de serveur de noms)"
    if isinstance(cause, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(cause, TimeoutError):
        return f"pas de réponse en {TIMEOUT_SECONDS} secondes"
    if isinstance(cause, ssl.SSLError):
        return "la connexion sécurisée (HTTPS) a échoué"
    return f"erreur réseau ({cause})"


def _http_error(error: urllib.error.HTTPError, host: str) -> AnnuaireError:
    try:
        body = json.loads(error.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        body = {}
    detail = body if isinstance(body, dict) else {}
    if error.code == 429:
        reset = detail.get("reset_time")
        when = f" ; il accepte de nouveau les requêtes à partir de {reset} (heure UTC)" if reset else ""
        return AnnuaireError(
            f"L'annuaire ({host}) refuse les requêtes pour le moment : quota atteint{when}. Réessayez plus tard. "
            f"{NOTHING_CHANGED}"
        )
    if error.code == 400:
        said = detail.get("message") or detail.get("error") or ""
        return FormatChanged(
            f"L'annuaire ({host}) a refusé la requête{f' : « {said} »' if said else ''} ; son format a peut-être "
            f"changé. {NOTHING_CHANGED}"
        )
    return AnnuaireError(
        f"L'annuaire ({host}) répond « HTTP {error.code} » : il est peut-être indisponible. Réessayez plus tard. "
        f"{NOTHING_CHANGED}"
    )
