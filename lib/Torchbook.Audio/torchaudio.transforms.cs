namespace Torchbook.Audio;

public static partial class torchaudio
{
    /// <summary>torchaudio.transforms: the operations as modules.</summary>
    public static partial class transforms
    {
        /// <summary>torchaudio.transforms.MelScale, with torchaudio's defaults (f_max null: sample_rate / 2).</summary>
        public static Modules.MelScale MelScale(long n_mels = 128, long sample_rate = 16000, double f_min = 0.0, double? f_max = null,
            long n_stft = 201, string? norm = null, string mel_scale = "htk") =>
            new(n_mels, sample_rate, f_min, f_max, n_stft, norm, mel_scale);

        /// <summary>torchaudio.transforms.AmplitudeToDB: stype "power" (10·log10) or "magnitude" (20·log10), top_db null or positive.</summary>
        public static Modules.AmplitudeToDB AmplitudeToDB(string stype = "power", double? top_db = null) => new(stype, top_db);
    }
}
