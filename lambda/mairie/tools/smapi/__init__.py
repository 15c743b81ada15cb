"""Alexa's own view of the skill, through ask-cli's SMAPI commands: `mairie phrases`, `mairie calibrer`."""
