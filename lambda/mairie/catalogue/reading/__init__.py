"""Reading `content/*.yaml`: YAML nodes with lines, value parsers, one module per file."""
