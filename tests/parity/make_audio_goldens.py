"""Golden values of torchaudio's mel filterbanks (Debian's python3-torchaudio 0.13) for
tests/Torchbook.Audio.Tests. Run with /usr/bin/python3 tests/parity/make_audio_goldens.py."""
import os

import torch
import torchaudio
import torchaudio.functional as F
import torchaudio.transforms as T

from golden_json import enc, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "audio")

# (n_freqs, f_min, f_max, n_mels, sample_rate, norm, mel_scale): torchaudio's defaults for
# MelSpectrogram (n_fft 400 -> 201 bins, 128 mels), the notes' ESC-50 settings, Slaney's scale and
# norm, a band that does not start at 0, and an edge case with more mels than bins (empty filters).
CASES = [
    (201, 0.0, 8000.0, 128, 16000, None, "htk"),
    (513, 0.0, 22050.0, 128, 44100, None, "htk"),
    (201, 0.0, 8000.0, 64, 16000, "slaney", "slaney"),
    (513, 20.0, 4000.0, 40, 16000, "slaney", "htk"),
    (257, 300.0, 11025.0, 23, 22050, None, "slaney"),
    (33, 0.0, 4000.0, 40, 8000, None, "htk"),
]


def main():
    cases = []
    for n_freqs, f_min, f_max, n_mels, sr, norm, scale in CASES:
        fb = F.melscale_fbanks(n_freqs, f_min, f_max, n_mels, sr, norm=norm, mel_scale=scale)
        cases.append({
            "n_freqs": n_freqs, "f_min": f_min, "f_max": f_max, "n_mels": n_mels, "sample_rate": sr,
            "norm": norm, "mel_scale": scale, "fbanks": enc(fb, shortest_float32=True),
        })
    write(OUT, "melscale_fbanks.json", {"torchaudio": torchaudio.__version__, "cases": cases})

    # MelScale on a (channel, freq, time) power spectrogram: the module's defaults (n_mels 128,
    # sample_rate 16000, f_max = sample_rate / 2, n_stft 201) and a Slaney variant with 2 channels.
    torch.manual_seed(0)
    spec = torch.rand(1, 201, 12) ** 2
    spec2 = torch.rand(2, 257, 5)
    write(OUT, "melscale.json", {
        "torchaudio": torchaudio.__version__,
        "default": {"input": enc(spec, True), "output": enc(T.MelScale(n_stft=201)(spec), True)},
        "slaney": {"input": enc(spec2, True),
                   "output": enc(T.MelScale(n_mels=40, sample_rate=16000, f_min=50.0, f_max=7000.0, n_stft=257,
                                            norm="slaney", mel_scale="slaney")(spec2), True)},
    })

    # AmplitudeToDB: power and magnitude, with and without top_db, on 2-D, 3-D and 4-D inputs
    # (top_db clamps per spectrogram: per item of the batch, over all its channels).
    torch.manual_seed(1)
    power = torch.rand(2, 33, 6) ** 4 * 100
    magnitude = torch.rand(33, 6) * 3
    batch = torch.rand(2, 2, 17, 4) ** 6
    write(OUT, "amplitude_to_db.json", {
        "torchaudio": torchaudio.__version__,
        "cases": [
            {"stype": "power", "top_db": None, "input": enc(power, True), "output": enc(T.AmplitudeToDB("power")(power), True)},
            {"stype": "power", "top_db": 40.0, "input": enc(power, True), "output": enc(T.AmplitudeToDB("power", 40.0)(power), True)},
            {"stype": "magnitude", "top_db": 20.0, "input": enc(magnitude, True), "output": enc(T.AmplitudeToDB("magnitude", 20.0)(magnitude), True)},
            {"stype": "power", "top_db": 30.0, "input": enc(batch, True), "output": enc(T.AmplitudeToDB("power", 30.0)(batch), True)},
        ],
    })


if __name__ == "__main__":
    main()
