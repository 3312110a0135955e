"""Package data: built-in templates and the generated template JSON Schema."""
