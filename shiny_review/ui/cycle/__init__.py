"""The inspection cycle's window parts (issue 13): the coverage matrix, the lineage review,
the authority's recommendations by letter, and the authority chooser."""
