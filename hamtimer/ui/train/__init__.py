"""The Train page: the template gallery, its details and quick adjust."""
