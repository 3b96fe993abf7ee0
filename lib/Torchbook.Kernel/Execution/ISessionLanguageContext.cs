using Microsoft.CodeAnalysis;

namespace Torchbook.Kernel.Execution;

/// <summary>The session's compile-time state, for completion and inspection at a cursor.</summary>
public interface ISessionLanguageContext
{
    /// <summary>
    /// Compiles <paramref name="code"/> as the next submission of the session, after every cell
    /// that has run, without running it. Its last syntax tree is <paramref name="code"/>'s.
    /// </summary>
    Compilation CompileNextSubmission(string code);
}
