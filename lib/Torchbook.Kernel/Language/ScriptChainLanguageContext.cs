using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Torchbook.Kernel.Execution;

namespace Torchbook.Kernel.Language;

/// <summary>
/// A Roslyn script chain that mirrors the cells a session ran successfully, so the semantic model
/// at a cursor sees their variables, types, usings and #r references. The chain is compiled, never
/// run; each link's compilation is built once and cached by Roslyn.
/// </summary>
public sealed class ScriptChainLanguageContext(ScriptOptions options, Type? globalsType = null) : ISessionLanguageContext
{
    private readonly object _lock = new();
    private Script? _last;

    /// <summary>Appends a cell that ran (compiled) successfully.</summary>
    public void Record(string code)
    {
        lock (_lock) _last = Next(code);
    }

    /// <summary>Forgets every cell (a new session).</summary>
    public void Reset()
    {
        lock (_lock) _last = null;
    }

    public Compilation CompileNextSubmission(string code)
    {
        Script next;
        lock (_lock) next = Next(code);
        return next.GetCompilation();
    }

    private Script Next(string code) =>
        _last is null ? CSharpScript.Create(code, options, globalsType) : _last.ContinueWith(code, options);
}
