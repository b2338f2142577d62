"""Offer Eval: judge job offers by pay cut, take-home, trajectory and what matters to you."""

__version__ = "0.1.0"
