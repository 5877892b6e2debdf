"""How one deployment is set up: its settings, read once from the environment, and the context built from them."""
