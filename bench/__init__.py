"""`make bench`: our assistant against stock Rasa, measured side by side."""
