"""PDF handouts of published home programs: content, safe fetching, rendering."""
