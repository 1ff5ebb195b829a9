"""The one intermediate representation: an lxml tree in the TEI namespace."""
