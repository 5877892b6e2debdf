"""Code that runs inside the Rasa server: the crisis detector in the NLU pipeline and the safe REST channel."""
