"""Comparing two reports: which sentences stand beside which (`sentence_alignment`,
`topic_pairs`), the words within them (`word_diff`), the rows of a comparison (`diff`,
`section_rows`), grade changes and matched findings, whole reports section by section
(`compare`), and their output: HTML for the window and the PDF (`html`, `document`) and
plain text or JSON for the command line (`terminal`)."""
