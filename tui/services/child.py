"""How children start lives in ``analyzers.io.child`` (the batch workers need it too, and the
analyzers never import the UI); the services import it from here."""

from analyzers.io.child import child_environment, python_command

__all__ = ["child_environment", "python_command"]
