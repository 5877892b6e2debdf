"""The front door: channels that talk to the Rasa server's REST channel."""
