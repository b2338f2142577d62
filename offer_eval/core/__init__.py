"""Pure domain layer: models, money, tax, search and decision. Python + numpy only, no Qt, no user files."""
