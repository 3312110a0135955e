"""Pure session logic: template model, plan compiler, engine. No Qt, no I/O."""
