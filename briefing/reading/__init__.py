"""Reading: documents from files of each format, their text, sentences and page furniture."""
