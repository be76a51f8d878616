"""Data that is not the cooperative's: the illustrative demo (``illustrative``) and synthetic data at scale
(``synthetic``)."""
