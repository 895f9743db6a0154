"""Photo evidence widgets: the evidence strip and the annotation/redaction editor."""
