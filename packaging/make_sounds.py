"""Generate the short cue sounds in assets/sounds/ (run by `make sounds`; the WAVs are committed).

Plain sine tones with soft edges, so nothing is downloaded and the files are reproducible:
tick (a countdown second with the voice muted), go (a hold starts), rest, switch (sides),
done (the session is over), heard (a spoken command was understood: two quick high notes,
unlike any cue). 22,050 Hz mono 16-bit, like the rendered phrases.
"""

from __future__ import annotations

import array
import math
import sys
from pathlib import Path

from hamtimer.services.speech.wav import PcmAudio, write_pcm

RATE = 22050
LEVEL = 0.6 * 32767
EDGE_S = 0.008

# (frequency Hz, seconds) notes; frequency 0 is a gap.
SOUNDS: dict[str, list[tuple[float, float]]] = {
    "tick": [(1000, 0.06)],
    "go": [(660, 0.12), (880, 0.22)],
    "rest": [(660, 0.15), (440, 0.25)],
    "switch": [(784, 0.1), (0, 0.07), (784, 0.1)],
    "done": [(523, 0.14), (659, 0.14), (784, 0.3)],
    "heard": [(1175, 0.05), (0, 0.04), (1568, 0.07)],
}


def tone(frequency: float, seconds: float) -> list[int]:
    count = int(seconds * RATE)
    edge = int(EDGE_S * RATE)
    samples = []
    for i in range(count):
        envelope = min(1.0, i / edge, (count - i) / edge) if frequency else 0.0
        samples.append(round(LEVEL * envelope * math.sin(2 * math.pi * frequency * i / RATE)))
    return samples


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        samples = array.array("h", [s for note in notes for s in tone(*note)])
        write_pcm(folder / f"{name}.wav", PcmAudio(samples, RATE))
        print(f"{folder / name}.wav")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/sounds"))
