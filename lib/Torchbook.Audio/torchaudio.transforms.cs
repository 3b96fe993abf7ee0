using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    /// <summary>torchaudio.transforms: the operations as modules, with torchaudio's names and defaults.</summary>
    public static partial class transforms
    {
        /// <summary>
        /// torchaudio.transforms.Spectrogram: win_length defaults to n_fft, hop_length to win_length / 2,
        /// window_fn to a periodic Hann window; power 2 (power), 1 (magnitude) or null (complex).
        /// </summary>
        public static Modules.Spectrogram Spectrogram(long n_fft = 400, long? win_length = null, long? hop_length = null, long pad = 0,
            Func<long, Tensor>? window_fn = null, double? power = 2.0, object? normalized = null, bool center = true,
            string pad_mode = "reflect", bool onesided = true) =>
            new(n_fft, win_length, hop_length, pad, window_fn, power, normalized ?? false, center, pad_mode, onesided);

        /// <summary>
        /// torchaudio.transforms.MelSpectrogram: a Spectrogram (n_fft 400, Hann window, power 2) then a MelScale of
        /// n_mels 128 filters from f_min to f_max (sample_rate / 2 when null), HTK scale without norm unless told.
        /// </summary>
        public static Modules.MelSpectrogram MelSpectrogram(long sample_rate = 16000, long n_fft = 400, long? win_length = null,
            long? hop_length = null, double f_min = 0.0, double? f_max = null, long pad = 0, long n_mels = 128,
            Func<long, Tensor>? window_fn = null, double power = 2.0, object? normalized = null, bool center = true,
            string pad_mode = "reflect", bool onesided = true, string? norm = null, string mel_scale = "htk") =>
            new(sample_rate, n_fft, win_length, hop_length, f_min, f_max, pad, n_mels, window_fn, power, normalized ?? false,
                center, pad_mode, onesided, norm, mel_scale);

        /// <summary>torchaudio.transforms.MelScale, with torchaudio's defaults (f_max null: sample_rate / 2).</summary>
        public static Modules.MelScale MelScale(long n_mels = 128, long sample_rate = 16000, double f_min = 0.0, double? f_max = null,
            long n_stft = 201, string? norm = null, string mel_scale = "htk") =>
            new(n_mels, sample_rate, f_min, f_max, n_stft, norm, mel_scale);

        /// <summary>torchaudio.transforms.AmplitudeToDB: stype "power" (10·log10) or "magnitude" (20·log10), top_db null or positive.</summary>
        public static Modules.AmplitudeToDB AmplitudeToDB(string stype = "power", double? top_db = null) => new(stype, top_db);

        /// <summary>
        /// torchaudio.transforms.MFCC: n_mfcc coefficients (DCT-II, "ortho" norm) of a log-mel spectrogram. torchaudio's
        /// melkwargs are the named parameters after log_mels (n_fft, win_length, hop_length, f_min, f_max, n_mels,
        /// mel_norm for MelSpectrogram's norm, mel_scale); left out, they are MelSpectrogram's defaults.
        /// </summary>
        public static Modules.MFCC MFCC(long sample_rate = 16000, long n_mfcc = 40, int dct_type = 2, string? norm = "ortho",
            bool log_mels = false, long n_fft = 400, long? win_length = null, long? hop_length = null, double f_min = 0.0,
            double? f_max = null, long n_mels = 128, string? mel_norm = null, string mel_scale = "htk") =>
            new(sample_rate, n_mfcc, dct_type, norm, log_mels,
                MelSpectrogram(sample_rate, n_fft, win_length, hop_length, f_min, f_max, n_mels: n_mels, norm: mel_norm, mel_scale: mel_scale));

        /// <summary>torchaudio.transforms.FrequencyMasking (SpecAugment): one band of frequency rows, width drawn from [0, freq_mask_param).</summary>
        public static Modules.FrequencyMasking FrequencyMasking(long freq_mask_param, bool iid_masks = false) => new(freq_mask_param, iid_masks);

        /// <summary>torchaudio.transforms.TimeMasking (SpecAugment): one band of frames, width drawn from [0, time_mask_param), at most p of them.</summary>
        public static Modules.TimeMasking TimeMasking(long time_mask_param, bool iid_masks = false, double p = 1.0) => new(time_mask_param, iid_masks, p);

        /// <summary>torchaudio.transforms.Resample: from orig_freq to new_freq Hz with a windowed-sinc filter (6 zero crossings, rolloff 0.99).</summary>
        public static Modules.Resample Resample(long orig_freq = 16000, long new_freq = 16000, string resampling_method = "sinc_interpolation",
            int lowpass_filter_width = 6, double rolloff = 0.99, double? beta = null) =>
            new(orig_freq, new_freq, resampling_method, lowpass_filter_width, rolloff, beta);
    }
}
