"""Small audio files in other formats for torchaudio.load's tests, and what reference decoders make of
them. Needs Debian's sox, libsox-fmt-mp3, lame and vorbis-tools (apt-get install sox libsox-fmt-mp3 lame
vorbis-tools). Run with /usr/bin/python3 tests/parity/make_audio_file_fixtures.py.

The source is a 0.25 s stereo tone pair at 16 kHz. It is encoded as AIFF (sox, 16-bit PCM), MP3 (lame,
constant 128 kbit/s) and Ogg Vorbis (oggenc, quality 5); each file is decoded back by torchaudio 0.13
(libsox: libmad for MP3, libvorbis for Vorbis) and the samples kept as the goldens."""
import math
import os
import subprocess
import tempfile

import torch
import torchaudio

from golden_json import enc, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "audio")
FILES = os.path.join(OUT, "files")


def main():
    os.makedirs(FILES, exist_ok=True)
    rate = 16000
    t = torch.arange(4000, dtype=torch.float64) / rate
    source = torch.stack([0.5 * torch.sin(2 * math.pi * 440 * t), 0.3 * torch.sin(2 * math.pi * 660 * t)]).to(torch.float32)
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "tone.wav")
        torchaudio.save(wav, source, rate, encoding="PCM_S", bits_per_sample=16)
        subprocess.run(["sox", "-q", wav, os.path.join(FILES, "tone.aiff")], check=True)
        subprocess.run(["lame", "--quiet", "-b", "128", "--cbr", wav, os.path.join(FILES, "tone.mp3")], check=True)
        subprocess.run(["oggenc", "--quiet", "-q", "5", "-o", os.path.join(FILES, "tone.ogg"), wav], check=True)
    cases = []
    for name in ["tone.aiff", "tone.mp3", "tone.ogg"]:
        decoded, sr = torchaudio.load(os.path.join(FILES, name))
        cases.append({"file": name, "sample_rate": sr, "decoded": enc(decoded, True)})
    write(OUT, "audio_files.json", {"torchaudio": torchaudio.__version__, "source": enc(source, True), "cases": cases})


if __name__ == "__main__":
    main()
