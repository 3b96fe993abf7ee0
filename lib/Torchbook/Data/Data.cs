namespace Torchbook;

/// <summary>
/// What PyTorch's <c>torch.utils.data</c> has and TorchSharp 0.107 lacks, under PyTorch's names, on TorchSharp's own
/// types (<see cref="TorchSharp.torch.utils.data.Dataset{T}"/>, <see cref="TorchSharp.Modules.DataLoader{T, S}"/>).
/// Write <c>using static Torchbook.Data;</c> (or call <c>Data.random_split(...)</c> after <c>using Torchbook;</c>):
/// <list type="bullet">
/// <item><c>DataLoader(dataset, batch_size: 64, shuffle: true, generator: g)</c>: PyTorch's batches in PyTorch's
/// shuffled order for the same seed (TorchSharp's own loader shuffles with System.Random).</item>
/// <item><c>Subset</c>, <c>random_split</c> (lengths or fractions), <c>ConcatDataset</c>,
/// <c>TensorDataset(X, y)</c> with (input, label) tuple items, <c>default_collate</c>.</item>
/// <item>samplers: <c>SequentialSampler</c>, <c>RandomSampler</c>, <c>SubsetRandomSampler</c>,
/// <c>WeightedRandomSampler</c>, <c>BatchSampler</c>, drawing PyTorch's indices from a seeded
/// <see cref="TorchSharp.torch.Generator"/>.</item>
/// </list>
/// The types these functions return live in namespace <c>Torchbook</c> (<see cref="Subset{T}"/>,
/// <see cref="RandomSampler"/>, ...). Each file of lib/Torchbook/Data holds one of them.
/// </summary>
public static partial class Data
{
}
