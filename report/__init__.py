"""The leaving-care team's report: questions per topic per week, the share answered, and what could not be
answered, read from the tracker store with personal data scrubbed and nothing only one person could have written."""
