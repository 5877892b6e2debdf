"""The action server package: its context (knowledge base, council, clock) is built once, here, from the settings."""

from deployment.settings import build_context, load_settings
from knowledge import load_knowledge

SERVER_CONTEXT = build_context(load_settings(), load_knowledge())
