"""The document system: PDF (WeasyPrint) and XLSX (openpyxl) output of official documents."""
