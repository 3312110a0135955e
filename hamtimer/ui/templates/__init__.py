"""The Templates page: the template editor and its forms."""
