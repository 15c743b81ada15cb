"""`mairie importer annuaire`: the national directory of public services (DILA) into `facilities.yaml`.

`source` fetches or reads the records, `records` reads one record, `kinds` names the counters the
importer knows, `entries` turns a record into catalogue fields, `facilities_text` finds entries and
fields in the YAML text, `merge` applies the ownership rule, `command` runs it all and reports.
Never imported by the Lambda.
"""
