"""One-page progress and discharge summaries (content builder and PDF renderer)."""
