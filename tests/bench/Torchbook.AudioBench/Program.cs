// The transforms of chapter 10 timed on the inputs the chapter gives them: the median milliseconds per call
// over many calls after a warm-up, for torchaudio's names in Torchbook.Audio. Prints one JSON object;
// audio_bench.sh prints it beside torchaudio 0.13 (audio_bench.py, the same inputs and settings).
// usage: torchbook-audio-bench THREADS WAV
using System.Diagnostics;
using System.Text.Json;
using Torchbook.Audio;
using static TorchSharp.torch;

int threads = int.Parse(args[0]);
string wav = args[1];
set_num_threads(threads);
manual_seed(0);

double Median(Action call, int repeats)
{
    for (int i = 0; i < 3; i++) call();
    var times = new double[repeats];
    for (int i = 0; i < repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        call();
        times[i] = sw.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times[repeats / 2];
}

var clip = randn(1, 5 * 44100) * 0.1;          // an ESC-50 clip: 5 s at 44.1 kHz
var batch = randn(16, 1, 32000) * 0.1;         // a batch of the chapter: 16 clips of 2 s at 16 kHz
var logMels = randn(16, 1, 64, 63);
var mel = torchaudio.transforms.MelSpectrogram(sample_rate: 16000, n_fft: 1024, hop_length: 512, n_mels: 64);
var melDefaults = torchaudio.transforms.MelSpectrogram(sample_rate: 44100);
var mfcc = torchaudio.transforms.MFCC(sample_rate: 16000);
var resample = torchaudio.transforms.Resample(44100, 16000);
var freq = torchaudio.transforms.FrequencyMasking(16, iid_masks: true);
var time = torchaudio.transforms.TimeMasking(20, iid_masks: true);

void Call(Func<Tensor> f) { using var scope = NewDisposeScope(); f(); }
var results = new Dictionary<string, double>
{
    ["load_wav_5s_44k"] = Median(() => Call(() => torchaudio.load(wav).waveform), 30),
    ["resample_44k_to_16k_5s"] = Median(() => Call(() => resample.call(clip)), 30),
    ["mel_spectrogram_batch16_2s_16k"] = Median(() => Call(() => mel.call(batch)), 30),
    ["mel_spectrogram_defaults_5s_44k"] = Median(() => Call(() => melDefaults.call(clip)), 30),
    ["mfcc_defaults_batch16_2s_16k"] = Median(() => Call(() => mfcc.call(batch)), 30),
    ["spec_augment_iid_batch16"] = Median(() => Call(() => time.call(freq.call(logMels))), 100),
};
Console.WriteLine(JsonSerializer.Serialize(new { threads, results }));
