"""Reports for coordinators and the public CSV: row generators (``reports``) and their downloads (``views``)."""
