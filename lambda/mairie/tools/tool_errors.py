"""What a failed `git push` or `ask deploy` means, in French, from the tool's own (English) output.

Staff run `mairie deploy` without reading English error messages; the tool's output is still shown
as is, then each known cause is explained with what to do. Patterns come from the tools' messages:
git ("does not appear to be a git repository", "[rejected] … (fetch first)", "Authentication
failed", "Could not resolve host"), ask-cli v2 ("[Error]: Can't resolve profile [p] as it doesn't
exist. Please run "ask configure --profile p" first." and "Profile [p] does not exist. Please
configure it in your ask-resources.json file.", alexa/ask-cli#295; "Cannot resolve profile",
alexa/ask-cli#178; "CredentialsError: Missing credentials in config",
alexa/alexa-skills-kit-sdk-for-nodejs#496) and AWS ("security token included in the request is
invalid", "AccessDenied", "is not authorized to perform"). Unknown output gets no explanation.
"""

from __future__ import annotations

import re

_GIT = (
    (
        r"does not appear to be a git repository|No such remote|Could not read from remote repository",
        "le dépôt distant est introuvable : vérifiez son nom (« --remote », « origin » par défaut) avec "
        "« git remote -v » ; son adresse est dans la console Alexa, onglet « Code ».",
    ),
    (
        r"\[rejected\]|non-fast-forward|fetch first",
        "le dépôt hébergé a des modifications que vous n'avez pas : récupérez-les avec « git pull », "
        "puis relancez « mairie deploy --hosted ».",
    ),
    (
        r"Authentication failed|Permission denied|could not read Username|403",
        "accès refusé au dépôt : vérifiez vos identifiants git (pour une skill hébergée, "
        "« ask configure » puis « ask util git-credentials-helper »).",
    ),
    (
        r"Could not resolve host|unable to access|Connection timed out|Network is unreachable",
        "le dépôt ne répond pas : vérifiez la connexion à internet, puis recommencez.",
    ),
)
_ASK = (
    (
        r"resolve profile|Profile \[[^\]]*\] does not exist|ask configure",
        "ce profil ask-cli n'existe pas : lancez « ask configure » (ou « ask configure --profile NOM »), "
        "ou vérifiez le nom donné à « --profile ».",
    ),
    (
        r"security token included in the request is invalid|InvalidClientTokenId|ExpiredToken|"
        r"Missing credentials|SignatureDoesNotMatch",
        "les identifiants AWS du profil sont absents, refusés ou expirés : relancez « ask configure » avec "
        "les clés d'accès AWS de la ville.",
    ),
    (
        r"AccessDenied|is not authorized to perform",
        "le compte AWS n'a pas les droits nécessaires (Lambda, IAM, CloudFormation) : demandez-les à "
        "l'administrateur du compte AWS de la ville.",
    ),
    (
        r"ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|getaddrinfo",
        "Amazon ne répond pas : vérifiez la connexion à internet, puis recommencez.",
    ),
)


def explain(tool: str, output: str) -> list[str]:
    """The French explanation of each known cause found in `output` of `tool` (`git` or `ask`)."""
    table = _GIT if tool == "git" else _ASK
    return [f"En clair : {meaning}" for pattern, meaning in table if re.search(pattern, output)]
