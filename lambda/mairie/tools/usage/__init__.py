"""`mairie stats`: what residents ask and what fails, from the skill's anonymous log lines."""
