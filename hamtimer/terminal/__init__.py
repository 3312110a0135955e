"""The terminal mode: runs a session in real time with captions, no Qt needed."""
