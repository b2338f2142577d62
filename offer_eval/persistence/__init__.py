"""Reading and writing the user's files: scenario documents, CSV and Excel. No Qt here."""
