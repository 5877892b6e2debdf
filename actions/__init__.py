"""Rasa custom actions: thin adapters from the conversation tracker to knowledge/ and back."""
