namespace Torchbook.Audio.Tests;

/// <summary>
/// A transform made inside a dispose scope (as a Dataset does when it makes one lazily inside a DataLoader's
/// per-item scope) keeps its buffers when the scope ends: the module owns them.
/// </summary>
public sealed class ModuleLifetimeTests
{
    [Fact]
    public void Transforms_made_inside_a_dispose_scope_still_work_after_it()
    {
        Modules.Resample resample;
        Modules.MFCC mfcc;
        Modules.MelSpectrogram mel;
        using (NewDisposeScope())
        {
            resample = torchaudio.transforms.Resample(16000, 8000);
            mfcc = torchaudio.transforms.MFCC(n_mfcc: 13, n_mels: 40);
            mel = torchaudio.transforms.MelSpectrogram(n_mels: 32);
        }
        var waveform = randn(1, 4000);
        Assert.Equal([1L, 2000], resample.call(waveform).shape);
        Assert.Equal([1L, 13, 21], mfcc.call(waveform).shape);
        Assert.Equal([1L, 32, 21], mel.call(waveform).shape);
    }
}
