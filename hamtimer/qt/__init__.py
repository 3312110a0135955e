"""Qt adapters for the services' protocols: sound through Qt Multimedia, live speech through
Qt TextToSpeech. Only the window uses them; `hamtimer.services` stays free of Qt so the terminal
mode runs with no display and no Qt at all."""
