"""The stocktaking import: reading a spreadsheet (``files``), its columns (``resource``), and checking the
whole file before ``services`` writes it in bulk (``plan``)."""
