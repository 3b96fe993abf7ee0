using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio.Modules;

/// <summary>
/// SpecAugment's masks as modules (torchaudio's _AxisMasking): each call blanks one random band of
/// <see cref="FrequencyMasking"/> rows or <see cref="TimeMasking"/> columns. With iid_masks and a 4-D batch,
/// every example and channel gets a band of its own. Active in eval mode too, as in torchaudio: apply it to
/// training data only.
/// </summary>
public abstract class AxisMasking : nn.Module<Tensor, Tensor>
{
    private readonly int _axis;

    private protected AxisMasking(string name, long mask_param, int axis, bool iid_masks, double p) : base(name)
    {
        if (mask_param < 0) throw new ArgumentException($"{name}: the mask parameter must be 0 or more, not {mask_param}.", nameof(mask_param));
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{name}: p must be between 0.0 and 1.0 ({p} given).", nameof(p));
        this.mask_param = mask_param;
        _axis = axis;
        this.iid_masks = iid_masks;
        this.p = p;
    }

    public long mask_param { get; }
    public bool iid_masks { get; }
    public double p { get; }

    /// <summary>Masks with zeros.</summary>
    public override Tensor forward(Tensor specgram) => forward(specgram, 0.0);

    /// <summary>Masks with <paramref name="mask_value"/> (for a dB spectrogram, its minimum or mean reads better than 0).</summary>
    public Tensor forward(Tensor specgram, double mask_value) =>
        iid_masks && specgram.ndim == 4
            ? torchaudio.functional.mask_along_axis_iid(specgram, mask_param, mask_value, _axis + 1, p)
            : torchaudio.functional.mask_along_axis(specgram, mask_param, mask_value, _axis, p);
}

/// <summary>torchaudio.transforms.FrequencyMasking: one band of up to freq_mask_param - 1 frequency rows set to the mask value.</summary>
public sealed class FrequencyMasking(long freq_mask_param, bool iid_masks) : AxisMasking(nameof(FrequencyMasking), freq_mask_param, 1, iid_masks, 1.0);

/// <summary>torchaudio.transforms.TimeMasking: one band of up to time_mask_param - 1 frames (at most p of them all) set to the mask value.</summary>
public sealed class TimeMasking(long time_mask_param, bool iid_masks, double p) : AxisMasking(nameof(TimeMasking), time_mask_param, 2, iid_masks, p);
