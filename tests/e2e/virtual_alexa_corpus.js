// Sends every phrasing of a corpus to `mairie serve` through virtual-alexa's exact sample matching.
// Usage: node virtual_alexa_corpus.js SKILL_URL MODEL_PATH TIMESTAMP PHRASINGS_JSON
// Prints one JSON list: for each phrasing, the intent and slots virtual-alexa matched (null when no
// sample matches: Alexa would send AMAZON.FallbackIntent), the skill's speech, or the error.
// Each phrasing starts a new session. virtual-alexa's `utter` turns any utterance containing "ask",
// "open", "tell"… into a launch ("actuellement" holds "tell"), so the matching is called directly
// (virtual-core's Utterance, as `utter` does after that test).
"use strict";

const fs = require("fs");
const path = require("path");
const modules = path.resolve(__dirname, "..", "..", "node_modules");
const { VirtualAlexa } = require(path.join(modules, "virtual-alexa"));
const { SkillRequest } = require(path.join(modules, "virtual-alexa", "lib", "src", "core", "SkillRequest"));
const { Utterance } = require(path.join(modules, "virtual-core"));

const [skillUrl, modelPath, timestamp, phrasingsPath] = process.argv.slice(2);
const phrasings = JSON.parse(fs.readFileSync(phrasingsPath, "utf-8"));
const alexa = VirtualAlexa.Builder().interactionModelFile(modelPath).skillURL(skillUrl).locale("fr-FR").create();
alexa.filter((request) => {
  request.request.timestamp = timestamp;
});

async function send(sentence) {
  const utterance = new Utterance(alexa.context().interactionModel(), sentence);
  if (!utterance.matched()) {
    return { sentence, intent: null, slots: {}, ssml: null, error: null };
  }
  const request = new SkillRequest(alexa).intent(utterance.intent()).slots(utterance.toJSON());
  const sent = request.json();
  const slots = {};
  for (const [name, slot] of Object.entries(sent.request.intent.slots || {})) {
    if (slot.value === undefined) {
      continue;
    }
    const authorities = (slot.resolutions && slot.resolutions.resolutionsPerAuthority) || [];
    const match = authorities.find((a) => a.status && a.status.code === "ER_SUCCESS_MATCH");
    slots[name] = match ? match.values.map((v) => v.value.id) : slot.value;
  }
  try {
    const response = await alexa.call(request);
    const body = (response && response.response) || {};
    const ssml = body.outputSpeech ? body.outputSpeech.ssml || body.outputSpeech.text : "";
    return { sentence, intent: utterance.intent(), slots, ssml, error: null };
  } catch (failure) {
    return { sentence, intent: utterance.intent(), slots, ssml: null, error: String(failure.message || failure) };
  }
}

async function main() {
  const results = [];
  for (const sentence of phrasings) {
    results.push(await send(sentence));
    try {
      await alexa.endSession();
    } catch (ignored) {
      // a skill may answer nothing to SessionEndedRequest: nothing to check here
    }
  }
  process.stdout.write(JSON.stringify(results) + "\n");
}

main().catch((failure) => {
  process.stderr.write(String(failure && failure.stack ? failure.stack : failure) + "\n");
  process.exit(1);
});
