using Xunit;

namespace Torchbook.Kernel.Tests;

public sealed class ExecutionHistoryTests
{
    private static ExecutionHistory Sample()
    {
        var history = new ExecutionHistory();
        history.Add(1, "var a = 1;");
        history.Add(2, "a + 1");
        history.Add(3, "Console.WriteLine(a);");
        history.Add(4, "a + 1");
        return history;
    }

    [Fact]
    public void Tail_returns_the_last_n_inputs_in_order()
    {
        Assert.Equal([3, 4], Sample().Tail(2).Select(r => r.Line));
        Assert.Equal(4, Sample().Tail(100).Count);
    }

    [Fact]
    public void Range_is_start_inclusive_stop_exclusive_in_this_session_only()
    {
        Assert.Equal([2, 3], Sample().Range(0, 2, 4).Select(r => r.Line));
        Assert.Equal([3, 4], Sample().Range(1, 3, 0).Select(r => r.Line));
        Assert.Empty(Sample().Range(7, 1, 5));
    }

    [Fact]
    public void Search_matches_globs_and_can_keep_unique_inputs()
    {
        Assert.Equal([2, 4], Sample().Search("a + *", 0, unique: false).Select(r => r.Line));
        Assert.Equal([4], Sample().Search("a + *", 0, unique: true).Select(r => r.Line));
        Assert.Equal([3], Sample().Search("*WriteLine*", 10, unique: false).Select(r => r.Line));
        Assert.Empty(Sample().Search("nothing*", 0, unique: false));
    }
}
