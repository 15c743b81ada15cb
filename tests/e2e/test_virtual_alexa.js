// Drives `mairie serve` over HTTP with virtual-alexa (a third-party Alexa simulator), on the REAL
// interaction model. Usage: node test_virtual_alexa.js SKILL_URL MODEL_PATH TIMESTAMP
// Prints one JSON document: every request virtual-alexa sent and every response it got, per step.
// Assertions live in test_virtual_alexa.py. virtual-alexa's limits (see its README): no samples with
// hyphens, "ask/open/tell/launch" in an utterance become a launch, built-in intents only know English
// phrases; so built-ins and hyphenated samples go through intend().
"use strict";

const path = require("path");
const { VirtualAlexa } = require(path.resolve(__dirname, "..", "..", "node_modules", "virtual-alexa"));

const [skillUrl, modelPath, timestamp] = process.argv.slice(2);

const alexa = VirtualAlexa.Builder().interactionModelFile(modelPath).skillURL(skillUrl).locale("fr-FR").create();

const sent = [];
alexa.filter((request) => {
  request.request.timestamp = timestamp; // a fixed "now": answers about opening hours are reproducible
  sent.push(request);
});

function summary(response) {
  if (!response) {
    return null;
  }
  const body = response.response || {};
  return {
    ssml: body.outputSpeech ? body.outputSpeech.ssml || body.outputSpeech.text : null,
    reprompt: body.reprompt && body.reprompt.outputSpeech ? body.reprompt.outputSpeech.ssml : null,
    directives: (body.directives || []).map((d) => ({
      type: d.type,
      playBehavior: d.playBehavior,
      token: d.audioItem ? d.audioItem.stream.token : undefined,
      url: d.audioItem ? d.audioItem.stream.url : undefined,
      offset: d.audioItem ? d.audioItem.stream.offsetInMilliseconds : undefined,
    })),
    shouldEndSession: body.shouldEndSession,
    sessionAttributes: response.sessionAttributes || null,
  };
}

function requestSummary(request) {
  const inner = request.request;
  const slots = inner.intent && inner.intent.slots ? inner.intent.slots : {};
  const resolved = {};
  for (const [name, slot] of Object.entries(slots)) {
    if (slot.value === undefined) {
      continue;
    }
    const authorities = (slot.resolutions && slot.resolutions.resolutionsPerAuthority) || [];
    const match = authorities.find((a) => a.status && a.status.code === "ER_SUCCESS_MATCH");
    resolved[name] = { value: slot.value, id: match ? match.values[0].value.id : null };
  }
  return {
    type: inner.type,
    intent: inner.intent ? inner.intent.name : null,
    slots: resolved,
    token: inner.token,
    offset: inner.offsetInMilliseconds,
    locale: inner.locale,
  };
}

const steps = [];

function playerState(player) {
  const item = player.playing();
  return {
    playing: player.isPlaying(),
    token: item ? item.stream.token : null,
    offset: item ? item.stream.offsetInMilliseconds : null,
  };
}

async function step(name, action) {
  const before = sent.length;
  let response = null;
  let error = null;
  try {
    response = await action();
  } catch (failure) {
    error = String(failure && failure.message ? failure.message : failure);
  }
  steps.push({
    name,
    requests: sent.slice(before).map(requestSummary),
    response: summary(response),
    player: playerState(alexa.audioPlayer()),
    error,
  });
}

async function main() {
  const player = alexa.audioPlayer();
  await step("launch", () => alexa.launch());
  await step("hours", () => alexa.utter("quels sont les horaires de l'hôtel de ville"));
  // "est-ce que …" samples contain hyphens, which virtual-alexa never matches: intend() instead.
  await step("is open", () => alexa.intend("IsOpenIntent", { facility: "la médiathèque" }));
  await step("stop", () => alexa.intend("AMAZON.StopIntent")); // English-only built-in phrases
  await step("passport", () => alexa.utter("comment refaire mon passeport"));
  await step("id card", () => alexa.utter("j'ai perdu ma carte nationale d'identité"));
  await step("magazine", () => alexa.utter("quoi de neuf dans le magazine"));
  await step("podcast", () => alexa.utter("joue le dernier podcast"));
  await step("nearly finished", () => player.playbackNearlyFinished());
  await step("listened 90 seconds", async () => {
    player.playbackOffset(90000);
    return null;
  });
  await step("pause", () => alexa.intend("AMAZON.PauseIntent"));
  await step("resume", () => alexa.intend("AMAZON.ResumeIntent"));
  await step("finished", () => player.playbackFinished());
  process.stdout.write(JSON.stringify({ steps }, null, 1) + "\n");
}

main().catch((failure) => {
  process.stderr.write(String(failure && failure.stack ? failure.stack : failure) + "\n");
  process.exit(1);
});
