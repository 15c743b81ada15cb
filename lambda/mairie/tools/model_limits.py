"""The limits of Alexa's model builder that a generated interaction model must stay within.

Amazon lists them in "Interaction model limits"
(developer.amazon.com/en-US/docs/alexa/custom-skills/create-the-interaction-model-for-your-skill.html);
the figures below are the ones we could check, with where each was seen:

- 250 intents, and 350 intents and slot types together: the limits table as quoted in public skill
  projects (e.g. Shreya1805-web/Interactive_game_using_Alexa_Skills, README).
- 140 characters per slot value or synonym: the developer console's own error, "Slot value length
  exceeds the limit of 140 characters" (m0ngr31/kanzi#263).
- The model as a whole: SMAPI refused a model past one million characters ("Member must have length
  less than or equal to 1000000", alexa/ask-cli#9); the limits table is quoted at 1.5 MB. We keep the
  smaller figure.
- Sample utterances: no count limit is documented; Amazon's guidance is "the total number ... depends
  on the overall size of your interaction model". The size limit above is therefore what bounds them.

`mairie build` refuses a model past any of these, in French, so the problem shows at build time
rather than in the Alexa developer console.

The dialog model (hand-written in fr-FR.json) must match the `Dialog.ElicitSlot` turns the skill sends
(`alexa.procedures`): a slot the skill elicits has an elicitation prompt and is marked required
(`elicitationRequired`), and each intent of the dialog model has at least one required slot. Devices
have refused `Dialog.ElicitSlot` for an intent without a required slot (issue 14); with
`delegationStrategy: SKILL_RESPONSE`, a required slot is never asked by Alexa on its own, only when the
skill elicits it. `dialog_problems` checks this (and that every prompt named exists).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MAX_INTENTS = 250
MAX_INTENTS_AND_TYPES = 350
MAX_SLOT_VALUE_CHARACTERS = 140
MAX_MODEL_CHARACTERS = 1_000_000


def dialog_problems(model: Mapping[str, Any]) -> list[str]:
    """Where the dialog model does not match the skill's elicitations, as French sentences."""
    interaction = model["interactionModel"]
    dialog = interaction.get("dialog") or {}
    prompt_ids = {str(prompt.get("id")) for prompt in interaction.get("prompts", [])}
    problems = []
    for intent in dialog.get("intents", []):
        name = intent.get("name")
        slots = intent.get("slots", [])
        for slot in slots:
            prompt = (slot.get("prompts") or {}).get("elicitation")
            if prompt and not slot.get("elicitationRequired"):
                problems.append(
                    f"dialogue de {name} : la case « {slot.get('name')} » a une question (la skill la demande avec "
                    'Dialog.ElicitSlot) mais n\'est pas obligatoire ; mettez "elicitationRequired": true.'
                )
            if slot.get("elicitationRequired") and prompt not in prompt_ids:
                problems.append(
                    f"dialogue de {name} : la case obligatoire « {slot.get('name')} » n'a pas de question "
                    f"(« {prompt} » absente de prompts)."
                )
        if not any(slot.get("elicitationRequired") for slot in slots):
            problems.append(
                f"dialogue de {name} : aucune case obligatoire ; les appareils refusent alors Dialog.ElicitSlot."
            )
    return problems


def model_size(model: Mapping[str, Any]) -> int:
    """Characters of the model as sent to SMAPI (compact JSON)."""
    return len(json.dumps(model, ensure_ascii=False, separators=(",", ":")))


def limit_problems(model: Mapping[str, Any]) -> list[str]:
    """Every limit the model exceeds, as a French sentence for `mairie build`."""
    language = model["interactionModel"]["languageModel"]
    intents = language.get("intents", [])
    types = language.get("types", [])
    problems = []
    if len(intents) > MAX_INTENTS:
        problems.append(f"le modèle a {len(intents)} intentions ; Alexa en accepte au plus {MAX_INTENTS}.")
    if len(intents) + len(types) > MAX_INTENTS_AND_TYPES:
        problems.append(
            f"le modèle a {len(intents) + len(types)} intentions et types de cases ; "
            f"Alexa en accepte au plus {MAX_INTENTS_AND_TYPES} en tout."
        )
    for slot_type in types:
        for value in slot_type.get("values", []):
            name = value.get("name", {})
            for phrase in [name.get("value", ""), *name.get("synonyms", [])]:
                if len(str(phrase)) > MAX_SLOT_VALUE_CHARACTERS:
                    problems.append(
                        f"{slot_type.get('name')} : « {str(phrase)[:40]}… » a {len(str(phrase))} caractères ; "
                        f"Alexa en accepte au plus {MAX_SLOT_VALUE_CHARACTERS} par valeur."
                    )
    size = model_size(model)
    if size > MAX_MODEL_CHARACTERS:
        samples = sum(len(i.get("samples", [])) for i in intents)
        problems.append(
            f"le modèle fait {size} caractères pour {samples} phrases ; Alexa en accepte au plus "
            f"{MAX_MODEL_CHARACTERS} : retirez des variantes dans phrases/ (les lignes qui en donnent le plus "
            "sont listées par « mairie build --stats »)."
        )
    return problems
