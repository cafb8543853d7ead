"""PDF handouts of published home programs (issue 6): content, safe fetching, rendering."""
