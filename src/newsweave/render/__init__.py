"""Stage 5, render: the brief as JSON (the schema), Markdown, or one HTML page."""

FORMATS = ("markdown", "json", "html")
