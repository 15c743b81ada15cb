"""French rendering: times, days, dates, lists; the only place that writes French sentences."""
