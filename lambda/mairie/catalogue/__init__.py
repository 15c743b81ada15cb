"""The city's catalogue: typed model, YAML loading and validation, compiling."""
