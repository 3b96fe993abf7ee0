using static TorchSharp.torch;

namespace TorchSharp.Transforms
{
    /// <summary>
    /// A transform that works element by element or channel by channel, so that applying it to a
    /// batch N x C x H x W gives exactly the images it would give one by one, stacked. Datasets use
    /// it to read whole batches even when a transform is set (MNIST with ToTensor, Normalize).
    /// </summary>
    internal interface IBatchTransform
    {
        /// <summary>Whether <see cref="CallBatch"/> may be used (a Compose can: when all its transforms can).</summary>
        bool SupportsBatches { get; }

        /// <summary>The transform of every image of a batch N x C x H x W.</summary>
        Tensor CallBatch(Tensor batch);
    }
}
