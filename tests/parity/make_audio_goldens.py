"""Golden values of torchaudio's transforms (Debian's python3-torchaudio 0.13) for
tests/Torchbook.Audio.Tests: mel filterbanks, MelScale, AmplitudeToDB, Spectrogram, MelSpectrogram,
MFCC, SpecAugment's masks (seeded) and resampling. Run with /usr/bin/python3 tests/parity/make_audio_goldens.py."""
import math
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


    spectral_goldens()
    masking_goldens()
    resample_goldens()
    sox_goldens()


def waveform(seed, channels, samples, rate):
    """A test signal: a 440 Hz tone with a rising chirp and a little noise, in [-1, 1]."""
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(samples, dtype=torch.float64) / rate
    tone = 0.5 * torch.sin(2 * math.pi * 440 * t) + 0.3 * torch.sin(2 * math.pi * (200 + 1500 * t) * t)
    noise = 0.05 * torch.randn(channels, samples, generator=g, dtype=torch.float64)
    return (tone + noise).to(torch.float32)


def spectral_goldens():
    wave = waveform(2, 1, 4000, 16000)          # 0.25 s at 16 kHz
    stereo = waveform(3, 2, 3000, 8000)
    short = waveform(4, 1, 300, 16000)          # shorter than n_fft = 400: one or two frames
    cases = []

    def spec_case(name, x, **kw):
        out = T.Spectrogram(**kw)(x)
        if out.is_complex():
            out = torch.view_as_real(out)
        cases.append({"name": name, "args": kw, "input": enc(x, True), "output": enc(out, True)})

    spec_case("defaults (n_fft 400, hop 200, power 2)", wave)
    spec_case("magnitude, n_fft 256, hop 64, stereo", stereo, n_fft=256, hop_length=64, power=1.0)
    spec_case("normalized window, win_length 200 of n_fft 256", wave, n_fft=256, win_length=200, hop_length=100, normalized=True)
    spec_case("normalized frame_length", wave, n_fft=128, hop_length=128, normalized="frame_length")
    spec_case("center false", wave, n_fft=512, hop_length=256, center=False)
    spec_case("pad 50, constant centre padding", wave, n_fft=200, pad=50, pad_mode="constant")
    spec_case("short input (300 samples, n_fft 400)", short)
    spec_case("complex (power null), real and imaginary parts last", stereo, n_fft=64, hop_length=32, power=None)
    write(OUT, "spectrogram.json", {"torchaudio": torchaudio.__version__, "cases": cases})

    mel_cases = []
    for name, x, kw in [
        ("defaults (16 kHz, n_fft 400, 128 mels)", wave, {}),
        ("ESC-50 style: 44.1 kHz, n_fft 1024, hop 512, 64 mels", waveform(5, 1, 8820, 44100),
         {"sample_rate": 44100, "n_fft": 1024, "hop_length": 512, "n_mels": 64}),
        ("slaney scale and norm, magnitude, stereo", stereo,
         {"sample_rate": 8000, "n_fft": 256, "n_mels": 40, "f_min": 30.0, "f_max": 3500.0, "power": 1.0, "norm": "slaney", "mel_scale": "slaney"}),
    ]:
        mel_cases.append({"name": name, "args": kw, "input": enc(x, True), "output": enc(T.MelSpectrogram(**kw)(x), True)})
    write(OUT, "mel_spectrogram.json", {"torchaudio": torchaudio.__version__, "cases": mel_cases})

    mfcc_cases = []
    for name, x, kw, melkw in [
        ("defaults (40 coefficients of 128 mels, dB with top_db 80)", wave, {}, {}),
        ("log_mels, 13 coefficients of 40 mels", wave, {"n_mfcc": 13, "log_mels": True}, {"n_fft": 400, "hop_length": 160, "n_mels": 40}),
        ("no DCT norm, stereo at 8 kHz", stereo, {"sample_rate": 8000, "n_mfcc": 20, "norm": None}, {"n_fft": 256, "n_mels": 32}),
    ]:
        args = dict(kw)
        if melkw:
            args["melkwargs"] = melkw
        out = T.MFCC(**args)(x)
        mfcc_cases.append({"name": name, "args": kw, "melkwargs": melkw, "input": enc(x, True), "output": enc(out, True)})
    write(OUT, "mfcc.json", {"torchaudio": torchaudio.__version__, "cases": mfcc_cases,
                             "create_dct": {"ortho": enc(F.create_dct(13, 40, "ortho"), True), "none": enc(F.create_dct(5, 8, None), True)}})


def masking_goldens():
    """The masks draw from torch's default generator; the same seed and the same draws give the same bands."""
    torch.manual_seed(7)
    spec = torch.rand(2, 30, 50) + 0.5
    batch = torch.rand(3, 2, 20, 25) + 0.5
    cases = []
    for name, x, make, seed, value in [
        ("FrequencyMasking(12)", spec, lambda: T.FrequencyMasking(freq_mask_param=12), 10, 0.0),
        ("TimeMasking(20)", spec, lambda: T.TimeMasking(time_mask_param=20), 11, 0.0),
        ("TimeMasking(40, p=0.2): at most 10 frames", spec, lambda: T.TimeMasking(time_mask_param=40, p=0.2), 12, -1.0),
        ("FrequencyMasking(8, iid) on a batch", batch, lambda: T.FrequencyMasking(freq_mask_param=8, iid_masks=True), 13, 0.0),
        ("TimeMasking(10, iid) on a batch", batch, lambda: T.TimeMasking(time_mask_param=10, iid_masks=True), 14, 0.0),
    ]:
        module = make()
        torch.manual_seed(seed)
        outs = [module(x, value) for _ in range(3)]   # three calls: three bands from the one seed
        cases.append({"name": name, "seed": seed, "mask_value": value, "input": enc(x, True),
                      "outputs": [enc(o, True) for o in outs]})
    write(OUT, "masking.json", {"torchaudio": torchaudio.__version__, "cases": cases})


def resample_goldens():
    cases = []
    for name, x, orig, new, kw in [
        ("44.1 kHz to 16 kHz", waveform(6, 1, 2205, 44100), 44100, 16000, {}),
        ("16 kHz to 8 kHz, stereo", waveform(7, 2, 1000, 16000), 16000, 8000, {}),
        ("8 kHz to 22.05 kHz (up)", waveform(8, 1, 400, 8000), 8000, 22050, {}),
        ("kaiser window, width 16, rolloff 0.9", waveform(9, 1, 800, 16000), 16000, 12000,
         {"resampling_method": "kaiser_window", "lowpass_filter_width": 16, "rolloff": 0.9, "beta": 8.0}),
    ]:
        functional = F.resample(x, orig, new, **kw)
        module = T.Resample(orig, new, **kw)(x)
        cases.append({"name": name, "orig_freq": orig, "new_freq": new, "args": kw, "input": enc(x, True),
                      "functional": enc(functional, True), "transform": enc(module, True)})
    write(OUT, "resample.json", {"torchaudio": torchaudio.__version__, "cases": cases})



def sox_goldens():
    """SoX's effects through torchaudio.sox_effects (Debian's libsox): exact for gain, echo, fade, trim,
    reverse and speed; for rate, tempo and pitch (other algorithms in C#) the outputs are kept so the tests
    can compare lengths, rates and dominant frequencies."""
    import torchaudio.sox_effects as S
    x = waveform(10, 2, 2000, 8000)            # 0.25 s, stereo, 8 kHz
    tone = (0.5 * torch.sin(2 * math.pi * 440 * torch.arange(8000) / 8000)).to(torch.float32).unsqueeze(0)
    cases = []
    for name, src, effects in [
        ("gain -6 dB", x, [["gain", "-6"]]),
        ("echo, two taps", x, [["echo", "0.8", "0.7", "20", "0.3", "45.5", "0.2"]]),
        ("fade q in, out at the end", x, [["fade", "q", "0.05", "0", "0.1"]]),
        ("fade h", x, [["fade", "h", "400s", "0", "200s"]]),
        ("fade t, stop at 0.2 s", x, [["fade", "t", "0.03", "0.2"]]),
        ("fade l (default shape)", x, [["fade", "0.05", "0", "0.05"]]),
        ("fade p, out length", x, [["fade", "p", "0.02", "0.2", "0.08"]]),
        ("trim", x, [["trim", "0.05", "0.1"]]),
        ("reverse", x, [["reverse"]]),
        ("speed 0.8 (relabels the rate)", x, [["speed", "0.8"]]),
        ("speed 1.25 then rate 8000", tone, [["speed", "1.25"], ["rate", "8000"]]),
        ("tempo 1.25", tone, [["tempo", "1.25"]]),
        ("pitch +300 cents then rate 8000", tone, [["pitch", "300"], ["rate", "8000"]]),
        ("a chain: gain, fade, reverse", x, [["gain", "3"], ["fade", "t", "0.02"], ["reverse"]]),
    ]:
        out, rate = S.apply_effects_tensor(src, 8000, effects)
        cases.append({"name": name, "effects": effects, "input": enc(src, True), "output": enc(out, True), "sample_rate": rate})
    write(OUT, "sox_effects.json", {"torchaudio": torchaudio.__version__, "cases": cases})


if __name__ == "__main__":
    main()
