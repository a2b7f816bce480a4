"""The project index: definitions of retired IDs in one module, and their readers in others."""
