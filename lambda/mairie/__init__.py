"""Mairie vocale: the backend of a French city-hall Alexa skill, driven by a YAML catalogue."""
