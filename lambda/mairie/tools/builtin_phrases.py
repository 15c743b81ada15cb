"""French phrases Alexa maps to the standard built-in intents (fr-FR) and to launching a skill.

Built-in intents need no samples in the interaction model: Alexa already knows how residents ask
for help, stop, pause or the next episode. This table approximates that knowledge for the local
resolver; the model's own samples for these intents are added to it.
"""

from __future__ import annotations

BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": (
        "aide",
        "à l'aide",
        "aide-moi",
        "de l'aide",
        "j'ai besoin d'aide",
        "que peux-tu faire",
        "qu'est-ce que tu sais faire",
        "que puis-je dire",
        "que puis-je demander",
        "qu'est-ce que je peux dire",
        "comment ça marche",
        "je ne sais pas quoi dire",
    ),
    "AMAZON.StopIntent": (
        "stop",
        "arrête",
        "arrête-toi",
        "arrête tout",
        "tais-toi",
        "silence",
        "au revoir",
        "c'est fini",
        "termine",
        "quitte",
    ),
    "AMAZON.CancelIntent": ("annule", "annuler", "laisse tomber", "oublie ça", "laisse tomber merci"),
    "AMAZON.NavigateHomeIntent": ("accueil", "retour à l'accueil", "reviens à l'accueil", "menu principal"),
    "AMAZON.PauseIntent": (
        "pause",
        "mets pause",
        "fais une pause",
        "mets la lecture en pause",
        "arrête la lecture",
        "suspends la lecture",
    ),
    "AMAZON.ResumeIntent": (
        "reprendre",
        "continue",
        "continuer",
        "reprendre la lecture",
        "continue la lecture",
        "relance la lecture",
        "reprise",
    ),
    "AMAZON.NextIntent": (
        "suivant",
        "suivante",
        "le suivant",
        "passe",
        "passe au suivant",
        "saute",
        "piste suivante",
    ),
    "AMAZON.PreviousIntent": (
        "précédent",
        "précédente",
        "le précédent",
        "reviens en arrière",
        "piste précédente",
    ),
    "AMAZON.StartOverIntent": (
        "recommence",
        "recommencer",
        "recommence depuis le début",
        "reprends au début",
        "depuis le début",
        "reprends du début",
    ),
    "AMAZON.RepeatIntent": (
        "répète s'il te plaît",
        "répéter",
        "redis",
        "redis-le",
        "pardon",
        "tu peux répéter s'il te plaît",
    ),
    "AMAZON.LoopOnIntent": ("boucle", "en boucle", "mets en boucle", "lecture en boucle", "active la boucle"),
    "AMAZON.LoopOffIntent": (
        "arrête la boucle",
        "désactive la boucle",
        "arrête la lecture en boucle",
        "plus de boucle",
    ),
    "AMAZON.ShuffleOnIntent": (
        "lecture aléatoire",
        "mode aléatoire",
        "aléatoire",
        "mélange",
        "active la lecture aléatoire",
    ),
    "AMAZON.ShuffleOffIntent": (
        "arrête la lecture aléatoire",
        "désactive la lecture aléatoire",
        "arrête le mode aléatoire",
        "lecture dans l'ordre",
    ),
    "AMAZON.YesIntent": (
        "oui",
        "ouais",
        "oui merci",
        "oui s'il te plaît",
        "d'accord",
        "ok",
        "okay",
        "volontiers",
        "bien sûr",
        "exactement",
        "c'est ça",
        "vas-y",
        "absolument",
    ),
    "AMAZON.NoIntent": (
        "non",
        "non merci",
        "pas du tout",
        "non c'est bon",
        "non rien",
        "rien",
    ),
}

LAUNCH_VERBS: tuple[str, ...] = (
    "ouvre",
    "ouvrir",
    "lance",
    "lancer",
    "démarre",
    "démarrer",
    "active",
    "commence",
    "parle à",
    "parle avec",
    "joue",
)
"""Said before the invocation name to open the skill: "ouvre la mairie d'issy"."""

ASK_VERBS: tuple[str, ...] = ("demande à", "dis à", "pose une question à")
"""Said before the invocation name and a request: "demande à la mairie d'issy si …"."""

CONNECTORS: tuple[str, ...] = ("de", "si", "pour", "que", "et")
"""Words that may join the invocation name and the request; not part of the request."""

SUFFIX_LINKS: tuple[str, ...] = ("avec", "sur")
"""Said between a request and the invocation name: "les horaires de la piscine avec la mairie d'issy"."""
