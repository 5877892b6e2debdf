"""Project scripts: setup, training, serving and scoring."""
