"""ASK adapters: request handlers per feature, interceptors, errors, persistence, the skill builder."""
