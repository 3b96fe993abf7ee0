// Kernels bind ports, swap Console.In and start processes: run test classes one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
