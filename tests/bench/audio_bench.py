#!/usr/bin/env python3
"""The torchaudio side of the audio benchmark: the same inputs, settings and timing as
Torchbook.AudioBench (median milliseconds per call after a warm-up), with Debian's torchaudio 0.13.
usage: audio_bench.py THREADS WAV"""
import json
import sys
import time

import torch
import torchaudio
import torchaudio.transforms as T


def median(call, repeats):
    for _ in range(3):
        call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[repeats // 2]


def main():
    threads, wav = int(sys.argv[1]), sys.argv[2]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    clip = torch.randn(1, 5 * 44100) * 0.1
    batch = torch.randn(16, 1, 32000) * 0.1
    log_mels = torch.randn(16, 1, 64, 63)
    mel = T.MelSpectrogram(sample_rate=16000, n_fft=1024, hop_length=512, n_mels=64)
    mel_defaults = T.MelSpectrogram(sample_rate=44100)
    mfcc = T.MFCC(sample_rate=16000)
    resample = T.Resample(44100, 16000)
    freq = T.FrequencyMasking(16, iid_masks=True)
    tmask = T.TimeMasking(20, iid_masks=True)
    results = {
        "load_wav_5s_44k": median(lambda: torchaudio.load(wav), 30),
        "resample_44k_to_16k_5s": median(lambda: resample(clip), 30),
        "mel_spectrogram_batch16_2s_16k": median(lambda: mel(batch), 30),
        "mel_spectrogram_defaults_5s_44k": median(lambda: mel_defaults(clip), 30),
        "mfcc_defaults_batch16_2s_16k": median(lambda: mfcc(batch), 30),
        "spec_augment_iid_batch16": median(lambda: tmask(freq(log_mels)), 100),
    }
    print(json.dumps({"threads": threads, "torchaudio": torchaudio.__version__, "results": results}))


if __name__ == "__main__":
    main()
